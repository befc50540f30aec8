package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.ledger.Intruder;
import org.planledger.query.ledger.PlanEvents;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Push, not poll: with the poll of the event store and the sealer's rest both set to {@link #POLL}, an event another
 * process commits reaches every read model and the hash chain far sooner, because the commit's notification wakes
 * them; and when the LISTEN connection is lost, events still arrive by the poll, and the connection comes back by
 * itself. Events are written straight to the storage engine, so this process's event store is not told of the
 * commit (as with the command side's appends), then notified on the channel as the command side's AppendNotifier
 * does after its commits; real PostgreSQL, real HTTP for health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "planledger.fetch-delay=2s", "planledger.ledger.seal-interval=2s",
        "planledger.push.reconnect-delay=8s", "planledger.push.heartbeat=1s"})
@ActiveProfiles("demo")
@DirtiesContext
class EventPushIT {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Intruder superuser;

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void connectAsSuperuser() throws Exception {
        superuser = Intruder.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (superuser != null) {
            superuser.close();
        }
    }

    @Test
    void aCommittedEventReachesEveryReadModelAndTheChainWellBeforeThePoll() throws Exception {
        awaitListening();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            millis.add(millisUntilEverywhere("push-it-" + UUID.randomUUID()));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        // by the poll alone these would spread evenly over 0–2 s (the sealer's too): ten below one second, most
        // below 300 ms, would happen by chance about once in a thousand runs
        assertThat(sorted.get(sorted.size() / 2)).as("median of %s ms", millis).isLessThan(300);
        assertThat(sorted.get(sorted.size() - 1)).as("slowest of %s ms", millis).isLessThan(POLL.toMillis() / 2);
        assertThat(eventPush().at("/details/notifications").asLong()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void losingTheListenConnectionFallsBackToThePollAndReconnectsByItself() throws Exception {
        awaitListening();
        long lost = eventPush().at("/details/connectionsLost").asLong();
        superuser.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() "
                + "and application_name = '" + EventPush.APPLICATION_NAME + "'");
        JsonNode polling = await().atMost(Duration.ofSeconds(5)).until(this::eventPush,
                h -> !h.at("/details/listening").asBoolean());
        assertThat(polling.at("/status").asText()).as("the poll still brings every event").isEqualTo("UP");
        assertThat(polling.at("/details/connectionsLost").asLong()).isEqualTo(lost + 1);
        assertThat(polling.at("/details/lastError").asText()).contains("terminat");

        // while it reconnects (8 s), events arrive by the poll
        String plan = "push-it-poll-" + UUID.randomUUID();
        millisUntilEverywhere(plan);
        assertThat(eventPush().at("/details/listening").asBoolean()).as("still reconnecting").isFalse();

        await().atMost(Duration.ofSeconds(20)).until(() -> eventPush().at("/details/listening").asBoolean());
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            millis.add(millisUntilEverywhere("push-it-back-" + UUID.randomUUID()));
        }
        assertThat(millis.stream().sorted().toList().get(2)).as("median of %s ms after reconnecting", millis)
                .isLessThan(300);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /**
     * Appends a plan's first event as another process would, and notifies after the commit as the command side does;
     * ms until plan, plan_history, audit and chain hold it.
     */
    private long millisUntilEverywhere(String plan) {
        long start = System.nanoTime();
        PlanEvents.appendAsAnotherProcess(storageEngine, plan, 0, 1);
        jdbc.execute("select pg_notify('" + EventStoreSchema.APPENDED_CHANNEL + "', '')");
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(POLL.multipliedBy(5))
                .until(() -> everywhere(plan));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private boolean everywhere(String plan) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from plan_view where plan_id = ?)
                   and exists (select 1 from history_plan where plan_id = ?)
                   and exists (select 1 from audit_entry where plan_id = ?)
                   and exists (select 1 from ledger_chain where aggregate_identifier = ?)""",
                Boolean.class, plan, plan, plan, plan));
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(60)).until(() -> eventPush().at("/details/listening").asBoolean());
        // the processors have caught up with what earlier tests stored, so that each measure times one event
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            JsonNode processors = health().at("/components/projections/details/processors");
            for (String name : List.of("plan", "plan_history", "audit_entry")) {
                if (processors.at("/" + name + "/segments/0/behind").asLong(-1) != 0) {
                    return false;
                }
            }
            return true;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select coalesce((select max(global_index) from ledger_chain), 0) "
                        + ">= coalesce((select max(global_index) from domain_event_entry), 0)", Boolean.class)));
    }

    private JsonNode eventPush() throws Exception {
        return health().at("/components/eventPush");
    }

    private JsonNode health() throws Exception {
        return JSON.readTree(PlanEvents.get(port, "inspector", "/actuator/health").body());
    }
}
