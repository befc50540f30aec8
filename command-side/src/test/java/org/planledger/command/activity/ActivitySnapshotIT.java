package org.planledger.command.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.planledger.command.support.Actor;
import org.planledger.command.support.AxonConfiguration;
import org.planledger.command.support.LedgerCommands;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.RegisterActivity;
import org.planledger.shared.api.RescheduleDeadline;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Activities are loaded from a snapshot and the events after it: the snapshot is taken in PostgreSQL, and an activity
 * loaded that way holds exactly the state a full replay of its events gives, and decides the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ActivitySnapshotIT {

    private static final Actor ADMIN = new Actor("admin", "", "PLAN_ADMIN");
    private static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    private static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");

    @Autowired
    LedgerCommands commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    Repository<Activity> repository;
    @Autowired
    @Qualifier("serializer")
    Serializer snapshots;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier(AxonConfiguration.ACTIVITY_CACHE)
    Cache kept;

    @Test
    void aSnapshotLoadedActivityHoldsTheStateOfAFullReplayAndDecidesTheSame() {
        String plan = "snap-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        commands.sendAs(ADMIN, new CreatePlan(plan, "Kế hoạch", 2024, new DocumentRef("1/QĐ-UBND", LocalDate.of(2024, 1, 2))),
                Change.NONE);
        commands.sendAs(ADMIN, new RegisterActivity(plan, "I.1", "I", "Tổ chức đánh giá", List.of("Kế hoạch", "Báo cáo"),
                "- Kế hoạch (Tháng 7/2024); - Báo cáo (quý IV/2024)", ""), Change.NONE);
        String id = ActivityId.of(plan, "I.1");
        LocalDate due = LocalDate.of(2025, 1, 1);
        LocalDate m1 = null;
        for (int i = 0; i < 130; i++) {
            due = due.plusDays(1);
            if (i % 2 == 0 && i % 10 != 9) {
                m1 = due;
            }
            if (i % 10 == 9) {
                commands.sendAs(ADMIN, new AssignActivity(id, null, i % 20 == 9 ? NOI_VU : Y_TE, List.of(),
                        List.of(i % 20 == 9 ? Y_TE : NOI_VU), "giao lại", null, null), Change.NONE);
            } else {
                commands.sendAs(ADMIN, new RescheduleDeadline(id, null, i % 2 == 0 ? "m1" : "m2", due, "lùi hạn", null, null),
                        Change.NONE);
            }
        }

        Long snapshotAt = jdbc.queryForObject(
                "select max(sequence_number) from snapshot_event_entry where aggregate_identifier = ?", Long.class, id);
        assertThat(snapshotAt).as("sequence of the latest snapshot").isNotNull().isGreaterThanOrEqualTo(50L);
        long head = jdbc.queryForObject("select max(sequence_number) from domain_event_entry where aggregate_identifier = ?",
                Long.class, id);
        assertThat(snapshotAt).isLessThan(head + 1);

        kept.remove(id); // loaded from the snapshot and the events after it, not from the activities kept in memory
        Activity loaded = loadThroughTheRepository(id);
        Activity replayed = replayEveryEvent(id);
        assertThat(snapshots.serialize(loaded, String.class).getData())
                .isEqualTo(snapshots.serialize(replayed, String.class).getData())
                .contains("\"activityId\":\"" + id + "\"").contains("\"m1\":{\"product\":\"Kế hoạch\"")
                .contains("\"rule\":{\"kind\":\"end-of-month\"").contains("\"due\":\"" + m1 + "\"");

        // the same decisions: refused for the due date both already hold, accepted for a new one
        LocalDate current = m1;
        assertThatThrownBy(() -> commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", current, "x", null, null),
                Change.NONE)).isInstanceOf(LedgerException.class).hasMessageContaining("already due on " + current);
        long version = commands.sendAs(ADMIN, new RescheduleDeadline(id, null, "m1", current.plusYears(1), "x", null, null),
                Change.NONE);
        assertThat(version).isEqualTo(head + 1);
    }

    private Activity loadThroughTheRepository(String id) {
        AtomicReference<Activity> root = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load(id).execute(root::set));
        return root.get();
    }

    private Activity replayEveryEvent(String id) {
        AtomicReference<Activity> root = new AtomicReference<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            EventSourcedAggregate<Activity> aggregate = EventSourcedAggregate.initialize(new Activity(),
                    AnnotatedAggregateMetaModelFactory.inspectAggregate(Activity.class), eventStore,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(eventStore.readEvents(id, 0));
            root.set(aggregate.getAggregateRoot());
        });
        return root.get();
    }
}
