package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.ledger.Intruder;
import org.planledger.query.ledger.PlanEvents;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.PlanCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A read model's processor meets an event it cannot write (the database refuses it, as the tables' owner arranged):
 * it stops on that event and retries, the other processors go on, the query side's health names the processor, the
 * event and the error, and once the cause is gone the processor resumes by itself and every event is in the read
 * model exactly once, the good events of the failed batch included. Real PostgreSQL, real HTTP, events appended
 * through Axon's event store. (Axon's tracking processor retries after 1 s, doubling to 60 s; that is not
 * configurable, so the waits below allow for several rounds.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
// metrics are exported in tests only when asked for: /actuator/prometheus is under test
@AutoConfigureObservability
// closed afterwards, so that no processor of this context claims tokens while another test's query side runs
@DirtiesContext
class ProjectionFailureIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROJECTING = Duration.ofSeconds(30);
    private static final Duration RESUMING = Duration.ofSeconds(90);
    private static Intruder owner;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void connectAsOwner() throws Exception {
        owner = Intruder.connect();
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (owner != null) {
            owner.close();
        }
    }

    @Test
    void oneEventTheAuditTrailCannotWriteStopsOnlyThatProcessorUntilTheCauseIsGone() throws Exception {
        awaitHealthUp();
        String plan = "failure-it-" + UUID.randomUUID();
        // the database refuses the audit entry of the plan's third event (and of no other)
        owner.execute("alter table audit_entry add constraint refuse_one_event check (not (plan_id = '" + plan
                + "' and aggregate_sequence = 2)) not valid");
        List<Long> positions;
        try {
            positions = append(plan, 5);
            long poisoned = positions.get(2);

            JsonNode failure = await().atMost(PROJECTING).until(() -> failureOf("audit_entry"), f -> f != null);
            assertThat(failure.get("position").asLong()).as(failure.toString()).isEqualTo(poisoned);
            assertThat(failure.get("eventType").asText()).isEqualTo("ActivityAddedToPlan");
            assertThat(failure.get("aggregateIdentifier").asText()).isEqualTo(plan);
            assertThat(failure.get("sequenceNumber").asLong()).isEqualTo(2);
            assertThat(failure.get("error").asText()).contains("refuse_one_event").doesNotContain("insert into")
                    .doesNotContain("Exception");
            assertThat(failure.get("firstSeen").asText()).isNotBlank();

            // the processor stays before the event, and keeps retrying: nothing from the refused event on is in the
            // audit trail (nor the good events before it that shared its batch: the batch rolled back as a whole)
            await().atMost(PROJECTING).until(() -> failureOf("audit_entry"), f -> f != null && f.get("retries").asInt() >= 1);
            assertThat(jdbc.queryForObject("select count(*) from audit_entry where plan_id = ? and aggregate_sequence >= 2",
                    Long.class, plan)).isZero();
            JsonNode health = health("inspector");
            assertThat(health.at("/components/projections/status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/components/projections/details/processors/audit_entry/state").asText())
                    .isEqualTo("FAILING");
            assertThat(health.at("/components/projections/details/processors/audit_entry/segments/0/behind").asLong())
                    .isGreaterThanOrEqualTo(3);
            assertThat(health.at("/components/projections/details/processors/audit_entry/segments/0/behindSeconds")
                    .asDouble()).as("the oldest event waiting has waited").isPositive();
            assertThat(health.at("/components/ledger/details/sealedPosition").isNumber()).isTrue();
            // the same lag as a metric, for a signed-in user only
            assertThat(send(null, "/actuator/prometheus").statusCode()).isEqualTo(401);
            assertThat(lagMetric("audit_entry")).isGreaterThanOrEqualTo(3);
            assertThat(send(null, "/actuator/health/readiness").statusCode()).as("not ready while stuck").isEqualTo(503);
            JsonNode anonymous = JSON.readTree(send(null, "/actuator/health").body());
            assertThat(anonymous.at("/components/projections/status").asText()).isEqualTo("DOWN");
            assertThat(anonymous.at("/components/projections/details").isMissingNode())
                    .as("details only for a signed-in user").isTrue();

            // the other processors went on past the refused event
            long last = positions.get(4);
            await().atMost(PROJECTING).until(() -> position("plan") >= last && position("plan_history") >= last);
            assertThat(jdbc.queryForObject("select count(*) from plan_view where plan_id = ?", Long.class, plan)).isOne();
            assertThat(jdbc.queryForObject("select count(*) from history_plan where plan_id = ?", Long.class, plan)).isOne();
        } finally {
            owner.execute("alter table audit_entry drop constraint if exists refuse_one_event");
        }

        await().atMost(RESUMING).until(() -> auditEntries(plan) == 5);
        JsonNode healthy = awaitHealthUp();
        assertThat(healthy.at("/components/projections/details/processors/audit_entry/failures").isMissingNode()).isTrue();
        assertThat(healthy.at("/components/projections/details/processors/audit_entry/segments/0/position").asLong())
                .isGreaterThanOrEqualTo(positions.get(4));
        // every event exactly once, at its own position
        assertThat(jdbc.queryForList("select global_position from audit_entry where plan_id = ? order by global_position",
                Long.class, plan)).containsExactlyElementsOf(positions);
    }

    @Test
    void aRevokedPrivilegeIsNamedByTheFirstEventItStopsAndTheProcessorResumesOnceGranted() throws Exception {
        awaitHealthUp();
        String appRole = jdbc.queryForObject("select current_user", String.class);
        String plan = "failure-it-" + UUID.randomUUID();
        owner.execute("revoke insert on audit_entry from " + appRole);
        List<Long> positions;
        try {
            positions = append(plan, 3);
            JsonNode failure = await().atMost(PROJECTING).until(() -> failureOf("audit_entry"), f -> f != null);
            assertThat(failure.get("position").asLong()).isEqualTo(positions.get(0));
            assertThat(failure.get("eventType").asText()).isEqualTo("PlanCreated");
            assertThat(failure.get("error").asText()).contains("permission denied for table audit_entry");
            await().atMost(PROJECTING).until(() -> position("plan") >= positions.get(2)
                    && position("plan_history") >= positions.get(2));
            JsonNode health = health("inspector");
            assertThat(health.at("/components/projections/details/processors/plan/state").asText()).isEqualTo("RUNNING");
            assertThat(health.at("/components/projections/details/processors/plan/segments/0/behind").asLong()).isZero();
        } finally {
            owner.execute("grant insert on audit_entry to " + appRole);
        }
        await().atMost(RESUMING).until(() -> auditEntries(plan) == 3);
        awaitHealthUp();
        assertThat(jdbc.queryForObject("select count(distinct event_id) from audit_entry where plan_id = ?", Long.class,
                plan)).isEqualTo(3);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private List<Long> append(String plan, int count) {
        PlanEvents.append(eventStore, plan, 0, count);
        return jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", Long.class, plan);
    }

    private long auditEntries(String plan) {
        return jdbc.queryForObject("select count(*) from audit_entry where plan_id = ?", Long.class, plan);
    }

    private JsonNode failureOf(String processor) throws Exception {
        JsonNode failures = health("inspector").at("/components/projections/details/processors/" + processor + "/failures");
        return failures.isArray() && !failures.isEmpty() ? failures.get(0) : null;
    }

    private long position(String processor) throws Exception {
        JsonNode position = health("inspector").at("/components/projections/details/processors/" + processor
                + "/segments/0/position");
        return position.isNumber() ? position.asLong() : -1;
    }

    private double lagMetric(String processor) throws Exception {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("^planledger_processor_lag_events\\{processor=\""
                + processor + "\"\\} (\\S+)$", java.util.regex.Pattern.MULTILINE)
                .matcher(send("inspector", "/actuator/prometheus").body());
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }

    /** Health UP and every processor caught up (the store may hold other tests' events, e.g. a command side's). */
    private JsonNode awaitHealthUp() {
        return await().atMost(RESUMING).until(() -> health("inspector"),
                h -> "UP".equals(h.at("/components/projections/status").asText())
                        && h.at("/components/projections/details/processors").findValues("behind").stream()
                        .allMatch(behind -> behind.asLong() == 0));
    }

    private JsonNode health(String user) throws Exception {
        return JSON.readTree(send(user, "/actuator/health").body());
    }

    private HttpResponse<String> send(String user, String path) throws Exception {
        return PlanEvents.get(port, user, path);
    }
}
