package org.planledger.command.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The command side's meters at {@code /actuator/prometheus}, over real HTTP: an accepted command, a refused one by
 * its problem's code, a refused sign-in; the endpoint itself needs an account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
// metrics are exported in tests only when asked for: /actuator/prometheus is under test
@AutoConfigureObservability
class CommandMetersIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    @Test
    void commandsAreCountedByOutcomeAndCodeAndTheEndpointNeedsAnAccount() throws Exception {
        // like every route but health: without an account, 401
        HttpResponse<String> anonymous = get(null, "/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("planledger_");
        String before = get("admin:demo", "/actuator/prometheus").body();
        String plan = "meters-" + System.nanoTime();
        Map<String, Object> body = Map.of("planId", plan, "title", "Kế hoạch thử", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"));
        assertThat(post("admin:demo", body).statusCode()).isEqualTo(201);
        assertThat(post("admin:demo", body).statusCode()).isEqualTo(409);
        assertThat(post("admin:wrong", body).statusCode()).isEqualTo(401);

        String after = get("admin:demo", "/actuator/prometheus").body();
        String accepted = "planledger_commands_total{code=\"none\",outcome=\"accepted\",status=\"201\"}";
        String duplicate = "planledger_commands_total{code=\"DUPLICATE\",outcome=\"refused\",status=\"409\"}";
        String unauthenticated = "planledger_commands_total{code=\"UNAUTHENTICATED\",outcome=\"refused\",status=\"401\"}";
        String ours = after.lines().filter(l -> l.startsWith("planledger_")).toList().toString();
        assertThat(value(after, accepted)).as(ours).isEqualTo(value(before, accepted) + 1);
        assertThat(value(after, duplicate)).isEqualTo(value(before, duplicate) + 1);
        assertThat(value(after, unauthenticated)).isEqualTo(value(before, unauthenticated) + 1);
        assertThat(value(after, "planledger_login_failures_total")).isEqualTo(value(before, "planledger_login_failures_total") + 1);
        assertThat(value(after, "planledger_command_latency_seconds_count{outcome=\"accepted\"}")).isGreaterThanOrEqualTo(1);
    }

    /** The value of one series in Prometheus' text format (0 when it is not there yet). */
    private static double value(String scrape, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private HttpResponse<String> post(String credentials, Object body) throws Exception {
        return http.send(request(credentials, "/api/plans").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String credentials, String path) throws Exception {
        return http.send(request(credentials, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String credentials, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }
}
