package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.history.SonLaQuerySide;

/**
 * Two query-side processes from the packaged jar, as they run behind one address, on one PostgreSQL database: a
 * session begun on one is a session on the other (a browser sends a host's cookies to every port of it, as it would
 * to one address in front of both), and a restarted process still knows it.
 */
public class ConsoleSessionsIT {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    static String database;
    static final QuerySideProcess[] instances = new QuerySideProcess[2];

    @BeforeAll
    static void start() throws Exception {
        database = SonLaQuerySide.ownDatabase("_sessions");
        instances[0] = new QuerySideProcess("a", freePort());
        instances[1] = new QuerySideProcess("b", freePort());
        // one after the other: both would otherwise run the migrations at once on a fresh database
        instances[0].start().awaitUp();
        instances[1].start().awaitUp();
    }

    @AfterAll
    static void stop() {
        for (QuerySideProcess instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    @Test
    void aSessionBegunOnOneInstanceIsSignedInOnTheOtherAndSurvivesARestart() throws Exception {
        String cookie = signIn(instances[0].url, "inspector");
        assertThat(me(instances[0].url, cookie)).contains("Signed in as <b>inspector</b> (INSPECTOR)");

        assertThat(me(instances[1].url, cookie)).as("the other instance knows the session")
                .contains("Signed in as <b>inspector</b> (INSPECTOR)");
        assertThat(HTTP.send(get(instances[1].url + "/ui/me", "JSESSIONID=unknown"), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location").orElse("")).as("an unknown cookie is not").endsWith("/login");

        instances[0].stop();
        instances[0].start().awaitUp();
        assertThat(me(instances[0].url, cookie)).as("after a restart").contains("Signed in as <b>inspector</b> (INSPECTOR)");

        // signing out on one instance signs out on both
        HttpResponse<String> page = HTTP.send(get(instances[1].url + "/login", cookie), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HTTP.send(post(instances[1].url + "/logout", cookie, "_csrf=" + csrf.group(1)), HttpResponse.BodyHandlers.ofString());
        assertThat(HTTP.send(get(instances[0].url + "/ui/me", cookie), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    /** Signs in through the console's form and answers the session's cookie ({@code JSESSIONID=…}). */
    public static String signIn(String base, String user) throws Exception {
        HttpResponse<String> login = HTTP.send(get(base + "/login", null), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        String before = cookieOf(login, null);
        HttpResponse<String> signedIn = HTTP.send(post(base + "/login", before, "username=" + user + "&password=demo&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return cookieOf(signedIn, before);
    }

    static String me(String base, String cookie) throws Exception {
        HttpResponse<String> me = HTTP.send(get(base + "/ui/me", cookie), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as("/ui/me on " + base).isEqualTo(200);
        return me.body();
    }

    private static String cookieOf(HttpResponse<?> response, String otherwise) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> "JSESSIONID=" + m.group(1)).reduce((a, b) -> b).orElse(otherwise);
    }

    private static HttpRequest get(String url, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        return (cookie == null ? request : request.header("Cookie", cookie)).build();
    }

    private static HttpRequest post(String url, String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        return (cookie == null ? request : request.header("Cookie", cookie)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The query side's packaged jar in a process of its own, on the test's database and a fixed port. */
    static final class QuerySideProcess {
        final String name;
        final int port;
        final String url;
        private Process process;

        QuerySideProcess(String name, int port) {
            this.name = name;
            this.port = port;
            this.url = "http://127.0.0.1:" + port;
        }

        QuerySideProcess start() throws IOException {
            Path log = Path.of("target", "console-sessions-" + name + ".log");
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx320m", "-jar", jar().toString(),
                    "--server.port=" + port).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
            builder.environment().put("PLANLEDGER_LOG_DIR", "target/logs");
            builder.environment().put("PLANLEDGER_DB_URL", database);
            process = builder.start();
            return this;
        }

        void awaitUp() {
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .failFast("query side " + name + " stopped; see target/console-sessions-" + name + ".log",
                            () -> !process.isAlive())
                    .ignoreExceptions().until(() -> HTTP.send(get(url + "/login", null),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }

        void stop() {
            if (process != null) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static Path jar() throws IOException {
            try (Stream<Path> files = Files.list(Path.of("target"))) {
                return files.filter(p -> p.getFileName().toString().matches("query-side-[^-]*(-SNAPSHOT)?\\.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no query-side jar in target"));
            }
        }
    }
}
