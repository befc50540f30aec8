package org.planledger.command.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.activity.Activity;
import org.planledger.command.plan.Plan;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.RegisterActivity;
import org.planledger.shared.api.RescheduleDeadline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Plans and activities are kept between commands ({@link AggregateCache}): a kept one holds exactly the state a full
 * replay of its events gives; one that another command side has moved past (events appended behind this instance's
 * back, as a second instance on the same database does) is read again from the store before it decides; and an append
 * racing that check is refused by the event table's unique key, as without a cache, and drops the kept aggregate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AggregateCacheIT {

    private static final Actor ADMIN = new Actor("admin", "", "PLAN_ADMIN");
    private static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    private static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");

    @Autowired
    LedgerCommands commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    Repository<Activity> activities;
    @Autowired
    Repository<Plan> plans;
    @Autowired
    @Qualifier(AxonConfiguration.ACTIVITY_CACHE)
    Cache activityCache;
    @Autowired
    @Qualifier("serializer")
    Serializer snapshots;
    @Autowired
    JdbcTemplate jdbc;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aKeptActivityHoldsTheStateOfAFullReplayAndDecidesTheSame() {
        String id = newActivity();
        LocalDate due = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 60; i++) { // past a snapshot (every 50 events) as well
            due = due.plusDays(1);
            if (i % 10 == 9) {
                commands.sendAs(ADMIN, new AssignActivity(id, null, i % 20 == 9 ? NOI_VU : Y_TE, List.of(),
                        List.of(i % 20 == 9 ? Y_TE : NOI_VU), "giao lại", null, null), Change.NONE);
            } else {
                commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", due, "lùi hạn", null, null), Change.NONE);
            }
        }
        assertThat(activityCache.containsKey(id)).as("kept after its last command").isTrue();

        Activity kept = load(activities, id);
        assertThat(load(activities, id)).as("the same instance, not re-created from the store").isSameAs(kept);
        Activity replayed = replay(Activity.class, id);
        assertThat(snapshots.serialize(kept, String.class).getData())
                .isEqualTo(snapshots.serialize(replayed, String.class).getData())
                .contains("\"due\":\"" + due.minusDays(1) + "\"");
        assertThat(kept).usingRecursiveComparison().isEqualTo(replayed);

        String plan = ActivityId.planOf(id);
        Plan keptPlan = load(plans, plan);
        assertThat(load(plans, plan)).isSameAs(keptPlan);
        assertThat(keptPlan).usingRecursiveComparison().isEqualTo(replay(Plan.class, plan));

        LocalDate current = due.minusDays(1);
        assertThatThrownBy(() -> commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", current, "x", null, null),
                Change.NONE)).isInstanceOf(LedgerException.class).hasMessageContaining("already due on " + current);
        long head = head(id);
        long version = commands.sendAs(ADMIN, new RescheduleDeadline(id, head, "m1", current.plusYears(1), "x", null, null),
                Change.NONE);
        assertThat(version).isEqualTo(head + 1);
    }

    @Test
    void anActivityMovedOnByAnotherInstanceIsReadAgainBeforeItDecides() throws Exception {
        String id = newActivity();
        LocalDate d1 = LocalDate.of(2025, 3, 1);
        LocalDate d2 = LocalDate.of(2025, 4, 1);
        long kept = commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", d1, "lùi hạn", null, null), Change.NONE);
        assertThat(activityCache.containsKey(id)).isTrue();
        long staleBefore = ((AggregateCache) activityCache).staleEntriesDropped();

        appendBehindTheCache(id, kept + 1, d1, d2, null).get(30, TimeUnit.SECONDS);

        // the client read version kept + 1 from the other instance: its If-Match holds, and the rule sees d2
        assertThatThrownBy(() -> commands.sendAs(ADMIN, new RescheduleDeadline(id, kept + 1, "m1", d2, "x", null, null),
                Change.NONE)).isInstanceOf(LedgerException.class).hasMessageContaining("already due on " + d2);
        assertThat(((AggregateCache) activityCache).staleEntriesDropped()).isEqualTo(staleBefore + 1);
        long version = commands.sendAs(ADMIN, new RescheduleDeadline(id, kept + 1, "m1", d2.plusDays(1), "x", null, null),
                Change.NONE);
        assertThat(version).isEqualTo(kept + 2);
        assertThat(load(activities, id)).usingRecursiveComparison().isEqualTo(replay(Activity.class, id));
    }

    @Test
    void anAppendRacingTheCheckIsRefusedByTheUniqueKeyAndDropsTheKeptActivity() throws Exception {
        String id = newActivity();
        LocalDate d1 = LocalDate.of(2025, 3, 1);
        LocalDate d2 = LocalDate.of(2025, 4, 1);
        long kept = commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", d1, "lùi hạn", null, null), Change.NONE);

        // the other instance has inserted its event but not committed yet: the check sees the kept version as the head
        CountDownLatch release = new CountDownLatch(1);
        Future<?> other = appendBehindTheCache(id, kept + 1, d1, d2, release);
        Future<Object> racing = threads.submit(() -> commands.sendAs(ADMIN,
                new RescheduleDeadline(id, kept, "m1", LocalDate.of(2025, 5, 1), "x", null, null), Change.NONE));
        awaitBlockedOnTheEventTable();
        release.countDown();
        other.get(30, TimeUnit.SECONDS);

        AtomicReference<Throwable> refused = new AtomicReference<>();
        try {
            racing.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            refused.set(e.getCause());
        }
        assertThat(refused.get()).as("the racing command is refused (409 CONCURRENT_MODIFICATION)")
                .isInstanceOf(ConcurrencyException.class);
        assertThat(activityCache.containsKey(id)).as("dropped when its unit of work rolled back").isFalse();
        assertThat(head(id)).isEqualTo(kept + 1);

        assertThatThrownBy(() -> commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", d2, "x", null, null),
                Change.NONE)).isInstanceOf(LedgerException.class).hasMessageContaining("already due on " + d2);
        assertThat((long) commands.sendAs(ADMIN, new RescheduleDeadline(id, kept + 1, "m1", d1, "x", null, null),
                Change.NONE)).isEqualTo(kept + 2);
    }

    private String newActivity() {
        String plan = "cache-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        commands.sendAs(ADMIN, new CreatePlan(plan, "Kế hoạch", 2024, new DocumentRef("1/QĐ-UBND", LocalDate.of(2024, 1, 2))),
                Change.NONE);
        commands.sendAs(ADMIN, new RegisterActivity(plan, "I.1", "I", "Tổ chức đánh giá", List.of("Kế hoạch", "Báo cáo"),
                "- Kế hoạch (Tháng 7/2024); - Báo cáo (quý IV/2024)", ""), Change.NONE);
        return ActivityId.of(plan, "I.1");
    }

    /**
     * What another command side on the same database does: m1 moved from {@code from} to {@code to} at
     * {@code sequence}, appended through the event store but not through this instance's repository. With a latch,
     * its transaction stays open after the insert until the latch is released.
     */
    private Future<?> appendBehindTheCache(String id, long sequence, LocalDate from, LocalDate to, CountDownLatch release) {
        CountDownLatch inserted = new CountDownLatch(1);
        Future<?> done = threads.submit(() -> {
            DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            unit.attachTransaction(transactions);
            unit.execute(() -> {
                eventStore.publish(new GenericDomainEventMessage<>("Activity", id, sequence,
                        new DeadlineRescheduled(id, "m1", from, to, "lùi hạn ở phiên bản khác", null, null),
                        MetaData.from(Map.of(LedgerMetaData.ACTOR_USER, "admin", LedgerMetaData.ACTOR_AGENCY, "",
                                LedgerMetaData.ACTOR_ROLE, "PLAN_ADMIN", LedgerMetaData.EFFECTIVE_ON, from.toString()))));
                CurrentUnitOfWork.get().onPrepareCommit(u -> { // after the event store's insert, before the commit
                    inserted.countDown();
                    if (release != null) {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            });
        });
        try {
            assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the other instance inserted its event").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    private void awaitBlockedOnTheEventTable() {
        await("the racing command waiting on the other instance's insert").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock' and query ilike '%insert%'""",
                        Integer.class) > 0);
    }

    private long head(String id) {
        return jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, id);
    }

    private static <T> T load(Repository<T> repository, String id) {
        AtomicReference<T> root = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(id).execute(root::set));
        return root.get();
    }

    private <T> T replay(Class<T> type, String id) {
        AtomicReference<T> root = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            try {
                var constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                EventSourcedAggregate<T> aggregate = EventSourcedAggregate.initialize(constructor.newInstance(),
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(type), eventStore,
                        NoSnapshotTriggerDefinition.TRIGGER);
                aggregate.initializeState(eventStore.readEvents(id, 0));
                root.set(aggregate.getAggregateRoot());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        return root.get();
    }
}
