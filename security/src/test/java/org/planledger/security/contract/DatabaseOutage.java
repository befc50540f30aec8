package org.planledger.security.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What both services' outage tests share (they extend it): the service's database reached through a {@link TcpRelay}
 * that the test cuts and restores, a connection of the test's own that does not go through it (to see what was
 * written), and the check of an answer given while the database is unreachable.
 */
public abstract class DatabaseOutage {

    /** The database the services' tests use (as the launcher's {@code test} sets it). */
    public static final String URL = env("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Between the service and its database; the test cuts and restores it. */
    protected static TcpRelay relay;

    /**
     * A relay to the test database, and the service's JDBC URL pointed at it. A connection is waited for 2 s (not the
     * service's 5 s) so that an outage of a dozen requests stays short.
     */
    @DynamicPropertySource
    static void databaseThroughTheRelay(DynamicPropertyRegistry registry) throws IOException {
        relay = TcpRelay.toDatabaseOf(URL);
        String url = relay.jdbcUrl(URL);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    }

    @AfterAll
    static void closeTheRelay() throws IOException {
        relay.close();
    }

    /** The test database directly, past the relay: what the service wrote, even while it cannot reach it. */
    public static JdbcTemplate direct() {
        return new JdbcTemplate(new DriverManagerDataSource(URL, env("PLANLEDGER_DB_USER", "planledger"),
                env("PLANLEDGER_DB_PASSWORD", "planledger")));
    }

    /** Sends a request; {@code headers} are name, value pairs; a body is sent as JSON. */
    public static HttpResponse<String> send(int port, String method, String path, String authorization, String body,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer while the database is unreachable: 503 problem+json SERVICE_UNAVAILABLE with Retry-After. */
    public static void assertUnavailable(String what, HttpResponse<String> answer) throws IOException {
        String as = what + " answered " + answer.statusCode() + " " + answer.body();
        assertThat(answer.statusCode()).as(as).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).as(as).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).as(as).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).as(as).isEqualTo(503);
        assertThat(problem.path("code").asText()).as(as).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(List.of(problem.path("field").asText(), problem.path("rule").asText())).as(as)
                .containsExactly("database", "database-reachable");
        assertThat(HttpFuzz.LEAK.matcher(answer.body()).find()).as(as + " names the inside").isFalse();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
