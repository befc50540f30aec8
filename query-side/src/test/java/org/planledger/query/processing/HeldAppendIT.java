package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.planledger.query.ledger.PlanEvents;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No event is ever skipped by a processor because its append committed late: an append transaction took a global
 * position and stays open while later events commit above it and every processor passes them; once it commits, its
 * event reaches every read model and verification calls them complete. Once with a history recorded in the past
 * (stored timestamps of 2024, as the test histories store them), once with events stored now, the transaction held
 * for seconds and every read model rebuilt meanwhile. And the cost of positions that stay empty for good: a few hundred appends rolled
 * back among committed ones leave no gap in any processor's token and do not slow it down. Real PostgreSQL; events
 * written straight to the storage engine, as the command side (another process) appends them, then notified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class HeldAppendIT {

    private static final List<String> READ_MODELS = List.of("plan", "plan_history", "audit_entry");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ProcessorPositions positions;
    @Autowired
    ProjectionGenerations generations;

    @Test
    void anEventRecordedInThePastAndCommittedLateReachesEveryReadModel() throws Exception {
        heldWhileOthersCommitAbove(Instant.parse("2024-03-01T02:00:00Z"), Duration.ofSeconds(2), false);
    }

    /**
     * Events stored now; above the held append, a long transaction (an import, a slow commit) commits events it
     * created 8 s before, then every read model is rebuilt (its replay reads them when they are older still), before
     * the held append commits.
     */
    @Test
    void anEventHeldWhileALongTransactionCommitsAboveItReachesEveryReadModel() throws Exception {
        heldWhileOthersCommitAbove(null, Duration.ofSeconds(8), true);
    }

    @Test
    void appendsRolledBackLeaveNoGapBehindAndDoNotSlowTheProcessors() throws Exception {
        String run = "rolled-back-" + UUID.randomUUID();
        long started = System.nanoTime();
        int rolledBack = 300;
        for (int i = 0; i < rolledBack; i++) {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                PlanEvents.appendAsAnotherProcess(storageEngine, run + "-undone-" + UUID.randomUUID(), 0, 1);
                tx.setRollbackOnly();
            });
            if (i % 10 == 0) {
                PlanEvents.appendAsAnotherProcess(storageEngine, run + "-" + i, 0, 1);
                notifyAppended();
            }
        }
        PlanEvents.appendAsAnotherProcess(storageEngine, run + "-last", 0, 1);
        notifyAppended();
        long appended = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> everywhere(run + "-last"));
        long seen = System.nanoTime();
        long head = head();
        // the gaps are final at once (no transaction could fill them): the next events read drop them from every token
        int[] after = {0};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            PlanEvents.appendAsAnotherProcess(storageEngine, run + "-after-" + after[0]++, 0, 1);
            notifyAppended();
            return positions.processors().stream().filter(p -> READ_MODELS.contains(p.name()))
                    .allMatch(p -> p.segments().stream().allMatch(s -> s.position() != null && s.position() > head
                            && s.gaps().isEmpty()));
        });
        long dropped = System.nanoTime();
        System.out.printf("%d appends rolled back among %d committed: appended in %d ms, the last in every read model "
                        + "%d ms later, every token without gaps %d ms after that%n", rolledBack, rolledBack / 10 + 1,
                (appended - started) / 1_000_000, (seen - appended) / 1_000_000, (dropped - seen) / 1_000_000);
        assertThat(Duration.ofNanos(seen - appended)).as("the last event in every read model").isLessThan(Duration.ofSeconds(10));
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where plan_id like ?", Long.class,
                run + "-undone-%")).as("rolled back").isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_entry where plan_id like ? and plan_id not like ?",
                Long.class, run + "%", run + "-after-%")).isEqualTo(rolledBack / 10 + 1);
    }

    /**
     * An append takes a position and stays open; events committed after it (stored at {@code recordedAt}, null: now)
     * reach every read model, the processors go on reading for {@code held}; then the append commits. With
     * {@code longAbove}, the first of those events commits {@code held} after it was created, and every read model is
     * rebuilt before the held append commits.
     */
    private void heldWhileOthersCommitAbove(Instant recordedAt, Duration held, boolean longAbove) throws Exception {
        String late = "late-" + UUID.randomUUID();
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    PlanEvents.appendAsAnotherProcess(storageEngine, late, 0, 1, recordedAt);
                    inserted.countDown();
                    try {
                        assertThat(commit.await(2, TimeUnit.MINUTES)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the held append took its position").isTrue();
        String above = "above-" + UUID.randomUUID();
        long until = System.nanoTime() + held.toNanos();
        int n = 0;
        if (longAbove) {
            new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                PlanEvents.appendAsAnotherProcess(storageEngine, above + "-long", 0, 1, recordedAt);
                try {
                    Thread.sleep(held.toMillis());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
        do {
            PlanEvents.appendAsAnotherProcess(storageEngine, above + "-" + n, 0, 1, recordedAt);
            notifyAppended();
            String plan = above + "-" + n;
            await().atMost(Duration.ofSeconds(30)).until(() -> everywhere(plan));
            n++;
            Thread.sleep(500);
        } while (System.nanoTime() < until);
        if (longAbove) {
            assertThat(everywhere(above + "-long")).isTrue();
            long headAbove = head();
            for (String readModel : READ_MODELS) {
                assertThat(post("/api/admin/projections/" + readModel + "/reset").statusCode()).isEqualTo(202);
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                    !generations.rebuilding("plan_history") && !generations.rebuilding("audit_entry")
                            && positions.processors().stream().filter(p -> READ_MODELS.contains(p.name()))
                            .allMatch(p -> p.segments().stream().allMatch(s -> s.position() != null
                                    && s.position() >= headAbove)));
        }
        assertThat(everywhere(late)).as("not committed yet").isFalse();

        commit.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForObject("select global_index from " + EventStoreSchema.EVENT_TABLE
                + " where aggregate_identifier = ?", Long.class, late)).as("it took a position below the others")
                .isLessThan(jdbc.queryForObject("select min(global_index) from " + EventStoreSchema.EVENT_TABLE
                        + " where aggregate_identifier like ?", Long.class, above + "%"));
        notifyAppended();
        await().atMost(Duration.ofSeconds(30)).until(() -> everywhere(late));
        long head = head();
        JsonNode verified = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(this::verify, v -> v.at("/readModels/position").asLong() >= head);
        assertThat(verified.at("/readModels/complete").asBoolean()).as(verified.toPrettyString()).isTrue();
    }

    /**
     * The stream the event store's producer reads for the processors at the head (one that may block) ends after one
     * batch, so that the producer cannot hold every event read since it opened it (see
     * {@code GapSafeEventStorageEngine#readEventData}); a processor's own stream reads on to the head, and every
     * event of a large append still reaches every read model.
     */
    @Test
    void theStreamAtTheHeadEndsAfterOneBatchAndEveryEventStillReachesEveryReadModel() {
        String plan = "long-append-" + UUID.randomUUID();
        int batch = ((BatchingEventStorageEngine) storageEngine).batchSize();
        int events = 2 * batch + batch / 2;
        TrackingToken before = storageEngine.createHeadToken();
        PlanEvents.appendAsAnotherProcess(storageEngine, plan, 0, events);
        long head = head();
        notifyAppended();
        try (Stream<? extends TrackedEventMessage<?>> atTheHead = storageEngine.readEvents(before, true);
                Stream<? extends TrackedEventMessage<?>> ownStream = storageEngine.readEvents(before, false)) {
            assertThat(atTheHead.count()).as("events in a stream that may block").isEqualTo(batch);
            assertThat(ownStream.filter(e -> e instanceof DomainEventMessage<?> d && plan.equals(d.getAggregateIdentifier()))
                    .count()).as("events of the append in a stream that may not block").isEqualTo(events);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("select count(distinct event_id) from audit_entry where plan_id = ?",
                    Long.class, plan)).as("audit entries").isEqualTo(events);
            assertThat(positions.processors().stream().filter(p -> READ_MODELS.contains(p.name()))
                    .flatMap(p -> p.segments().stream()).map(s -> s.position()))
                    .as("every read model's position").hasSize(READ_MODELS.size()).allMatch(at -> at != null && at >= head);
        });
    }

    private boolean everywhere(String plan) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from plan_view where plan_id = ?)
                   and exists (select 1 from history_plan where plan_id = ?)
                   and exists (select 1 from audit_entry where plan_id = ?)""", Boolean.class, plan, plan, plan));
    }

    private void notifyAppended() {
        jdbc.execute("select pg_notify('" + EventStoreSchema.APPENDED_CHANNEL + "', '')");
    }

    private long head() {
        return jdbc.queryForObject("select max(global_index) from " + EventStoreSchema.EVENT_TABLE, Long.class);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode verify() throws Exception {
        return JSON.readTree(PlanEvents.get(port, "inspector", "/api/ledger/verify").body());
    }
}
