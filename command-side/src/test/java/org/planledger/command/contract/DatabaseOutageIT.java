package org.planledger.command.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.planledger.security.contract.DatabaseOutage.assertUnavailable;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.planledger.security.contract.ContractChecks;
import org.planledger.security.contract.DatabaseOutage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The command side while its database cannot be reached (its JDBC URL goes through a relay the test cuts; the shared
 * PostgreSQL runs on): every write and every read answers 503 problem+json with Retry-After, nothing is written (no
 * event, no idempotency receipt, no account, no token), and once the relay is restored the same service, not
 * restarted, answers normally again: the write refused during the outage is taken once, and its retry replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "planledger.load-son-la-plan=false")
@ActiveProfiles("demo")
@DirtiesContext
class DatabaseOutageIT extends DatabaseOutage {

    private static final String ADMIN = ContractChecks.basic("admin", "demo");
    private static final String ACTIVITY = "/api/plans/%s/activities/I.1";
    private static final String BASIS = "\"basis\":{\"number\":\"15/UBND\",\"date\":\"2024-01-10\"}";

    @LocalServerPort
    int port;

    @Test
    void everyAnswerDuringAnOutageIs503AndNothingIsWrittenAndTheServiceRecoversWithoutARestart() throws Exception {
        JdbcTemplate database = DatabaseOutage.direct();
        String plan = "outage-" + System.nanoTime();
        String activity = ACTIVITY.formatted(plan);
        assertThat(send("POST", "/api/plans", planBody(plan)).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/plans/" + plan + "/activities", "{\"code\":\"I.1\",\"section\":\"I\","
                + "\"title\":\"Hoạt động\",\"products\":[\"Báo cáo\"],\"timeline\":\"Tháng 03/2024\",\"notes\":\"\"}")
                .statusCode()).isEqualTo(201);
        String refusedPlan = plan + "-b";
        String key = "outage-key-" + System.nanoTime();
        long events = count(database, "select count(*) from domain_event_entry");
        long receipts = count(database, "select count(*) from command_receipt");

        relay.cut();
        assertUnavailable("create a plan", send("POST", "/api/plans", planBody(refusedPlan), "Idempotency-Key", key));
        assertUnavailable("assign", send("POST", activity + "/assignment", "{\"lead\":\"so-noi-vu\",\"coordinators\":[],"
                + "\"reason\":\"giao\"," + BASIS + "}"));
        assertUnavailable("reschedule", send("POST", activity + "/milestones/m1/reschedule",
                "{\"newDue\":\"2024-04-30\",\"reason\":\"r\"," + BASIS + "}", "If-Match", "\"1\""));
        assertUnavailable("add an account", send("POST", "/api/admin/users",
                "{\"username\":\"" + plan + "\",\"role\":\"INSPECTOR\",\"password\":\"a-long-password-2026\"}"));
        assertUnavailable("create a token", send("POST", "/api/me/tokens", "{\"label\":\"" + plan + "\"}"));
        assertUnavailable("list accounts", send("GET", "/api/admin/users", null));
        assertUnavailable("who am I", send("GET", "/api/me", null));
        assertUnavailable("list my tokens", send("GET", "/api/me/tokens", null));
        assertUnavailable("a token never seen", DatabaseOutage.send(port, "GET", "/api/me", "Bearer plt_outage", null));
        assertThat(count(database, "select count(*) from domain_event_entry")).as("events").isEqualTo(events);
        assertThat(count(database, "select count(*) from command_receipt")).as("idempotency receipts").isEqualTo(receipts);
        assertThat(count(database, "select count(*) from app_user where username = ?", plan)).as("accounts").isZero();
        assertThat(count(database, "select count(*) from api_token where label = ?", plan)).as("tokens").isZero();

        relay.restore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> send("GET", "/api/me", null).statusCode() == 200);
        HttpResponse<String> created = send("POST", "/api/plans", planBody(refusedPlan), "Idempotency-Key", key);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Idempotent-Replayed")).as("taken, not replayed").isEmpty();
        HttpResponse<String> retried = send("POST", "/api/plans", planBody(refusedPlan), "Idempotency-Key", key);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(count(database, "select count(*) from domain_event_entry where aggregate_identifier = ?", refusedPlan))
                .as("the plan refused during the outage, created once").isEqualTo(1);
        assertThat(send("POST", activity + "/milestones/m1/reschedule", "{\"newDue\":\"2024-04-30\",\"reason\":\"r\","
                + BASIS + "}").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/admin/users", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        return DatabaseOutage.send(port, method, path, ADMIN, body, headers);
    }

    private static String planBody(String plan) {
        return "{\"planId\":\"" + plan + "\",\"title\":\"Kế hoạch thử\",\"year\":2024,"
                + "\"decision\":{\"number\":\"1/QĐ-UBND\",\"date\":\"2023-12-25\"}}";
    }

    private static long count(JdbcTemplate database, String sql, Object... args) {
        return database.queryForObject(sql, Long.class, args);
    }
}
