package org.planledger.query.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.planledger.security.contract.DatabaseOutage.assertUnavailable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planledger.query.ledger.PlanEvents;
import org.planledger.security.contract.ContractChecks;
import org.planledger.security.contract.DatabaseOutage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The query side while its database cannot be reached (its JDBC URL goes through a relay the test cuts; the shared
 * PostgreSQL runs on): every read, the ledger's verification and digest, and a read model's reset answer 503
 * problem+json with Retry-After, nothing is written, and once the relay is restored the same service, not restarted,
 * answers normally again, its processors (cut off too) take new events, and its read models verify complete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// closed afterwards: its processors would keep claims on the test database that later tests' services must take
@DirtiesContext
@ActiveProfiles("demo")
class DatabaseOutageIT extends DatabaseOutage {

    private static final String INSPECTOR = ContractChecks.basic("inspector", "demo");
    private static final String ADMIN = ContractChecks.basic("admin", "demo");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    @Test
    void everyAnswerDuringAnOutageIs503AndTheReadModelsCatchUpWithoutARestart() throws Exception {
        JdbcTemplate database = DatabaseOutage.direct();
        String plan = "outage-" + System.nanoTime();
        PlanEvents.append(eventStore, plan, 0, 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/" + plan).statusCode() == 200);
        List<Map<String, Object>> generations = database.queryForList("select * from projection_generation order by 1");

        relay.cut();
        for (String path : List.of("/api/plans/" + plan, "/api/plans/" + plan + "/activities/I.1",
                "/api/plans/" + plan + "/workload", "/api/plans/" + plan + "/baseline",
                "/api/plans/" + plan + "/activities/I.1/history", "/api/plans/" + plan + "/changes-without-basis",
                "/api/plans/" + plan + "/inspection-report?format=json", "/api/audit?planId=" + plan, "/api/agencies",
                "/api/ledger/digest", "/api/ledger/verify", "/api/me")) {
            assertUnavailable("GET " + path, get(path));
        }
        assertUnavailable("reset a read model",
                DatabaseOutage.send(port, "POST", "/api/admin/projections/audit_entry/reset", ADMIN, null));
        assertThat(database.queryForList("select * from projection_generation order by 1")).as("read-model generations")
                .isEqualTo(generations);

        relay.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/plans/" + plan).statusCode() == 200);
        // the processors, cut off too, resume: they take events recorded after the outage
        String after = plan + "-after";
        PlanEvents.append(eventStore, after, 0, 2);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/plans/" + after).statusCode() == 200);
        long lastEvent = database.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        // a processor that failed during the outage retries with Axon's back-off (1 s doubling to 60 s)
        JsonNode[] last = {JSON.createObjectNode()};
        try {
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                last[0] = verify();
                return last[0].at("/readModels/position").asLong() >= lastEvent && last[0].at("/readModels/complete").asBoolean();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the read models did not verify complete after the outage: " + last[0].toPrettyString(), e);
        }
        assertThat(last[0].get("verified").asBoolean()).as(last[0].toPrettyString()).isTrue();
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> answer = get("/api/ledger/verify");
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return DatabaseOutage.send(port, "GET", path, INSPECTOR, null);
    }
}
