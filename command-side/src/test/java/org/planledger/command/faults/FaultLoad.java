package org.planledger.command.faults;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault suite's write load (faults/run): a bounded number of clients send commands through the command sides'
 * public API while the runner kills processes or restarts PostgreSQL. Every command carries its own
 * {@code Idempotency-Key}; a client retries the same request (same key, same body) when it gets no answer or a 503,
 * and records the final answer. Afterwards the event store is read to count how often each command was stored:
 * every acknowledged command exactly once, every refused one never, every unanswered one at most once.
 *
 * <p>Two kinds of command: new plans (one event each, identified by the plan id) and reschedules of the Sơn La plan's
 * milestones (one event each, identified by a reason no other command uses). With {@code --conflicts} half of the
 * clients race on two activities with the version they last saw in {@code If-Match}: every loser must get 409 or 412.
 *
 * <p>Prints one {@code FAULTS key=value ...} line. Settings: FAULT_DB_URL, FAULT_DB_USER, FAULT_DB_PASSWORD,
 * FAULT_AUTH ({@code user:password}).
 */
public final class FaultLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "sonla-cchc-2024";
    /** How long a client goes on retrying one command after the load's end before it gives up (an unknown outcome). */
    private static final Duration RETRY_LIMIT = Duration.ofSeconds(300);
    /** The client's pace while a command side gives no answer: it sends the same request again after this pause. */
    private static final Duration NO_ANSWER_PAUSE = Duration.ofMillis(250);

    enum Outcome { ACKNOWLEDGED, CONFLICT, REFUSED, OTHER_5XX, UNKNOWN }

    /** One command and what its client finally heard. */
    record Sent(String key, boolean plan, String identifier, Outcome outcome, int status, long answeredAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String auth;
    private final List<String> commands;
    private final String run;
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong noAnswer = new AtomicLong();
    private final AtomicLong withIfMatch = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong badUnavailable = new AtomicLong();
    private final ConcurrentLinkedQueue<String> otherFailures = new ConcurrentLinkedQueue<>();
    /** The version of each hot activity in the last answer each client saw (key: client and path). */
    private final Map<String, Long> seenVersions = new ConcurrentHashMap<>();

    private FaultLoad(List<String> commands, String run, String auth) {
        this.commands = commands;
        this.run = run;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                options.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }
        FaultLoad load = new FaultLoad(List.of(options.get("commands").split(",")), options.get("run"),
                env("FAULT_AUTH", "admin:demo"));
        List<String> targets = load.targets(options.get("query"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        long until = System.currentTimeMillis() + 1000L * Integer.parseInt(options.getOrDefault("seconds", "20"));
        boolean conflicts = options.containsKey("conflicts");
        System.out.println("LOAD started: " + targets.size() + " milestones, " + clients + " clients");
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            boolean racing = conflicts && client % 2 == 1;
            Thread thread = new Thread(() -> load.drive(client, racing, targets, until), "client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        load.report(options.get("scenario"));
    }

    /** The reschedulable milestones of the Sơn La plan, once the query side shows them (it may still be starting). */
    private List<String> targets(String query) {
        return await("the query side at " + query + " showing plan " + PLAN).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> targetsShown(query), targets -> targets.size() >= 10);
    }

    private List<String> targetsShown(String query) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(query + "/api/plans/" + PLAN))
                .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> targets = new ArrayList<>();
        if (answer.statusCode() == 200) {
            for (JsonNode activity : JSON.readTree(answer.body()).get("activities")) {
                for (JsonNode milestone : activity.get("milestones")) {
                    if (milestone.hasNonNull("due")) {
                        targets.add("/api/plans/" + PLAN + "/activities/" + activity.get("code").asText()
                                + "/milestones/" + milestone.get("id").asText() + "/reschedule");
                        break;
                    }
                }
            }
        }
        return targets;
    }

    private void drive(int client, boolean racing, List<String> targets, long until) {
        Random random = new Random(client * 7919L + run.hashCode());
        String base = commands.get(client % commands.size());
        for (int n = 0; System.currentTimeMillis() < until; n++) {
            String key = run + "-c" + client + "-" + n;
            try {
                if (racing) {
                    String target = targets.get(random.nextInt(2));
                    send(base, key, false, target, reschedule(key, random), seenVersions.get(client + " " + target));
                } else if (n % 4 == 0) {
                    String planId = ("f-" + key).toLowerCase(Locale.ROOT);
                    send(base, key, true, "/api/plans", Map.of("planId", planId, "title", "fault load " + key,
                            "year", 2024, "decision", Map.of("number", "1/QĐ-UBND", "date", "2024-01-02")), null);
                } else {
                    String target = targets.get(2 + random.nextInt(targets.size() - 2));
                    send(base, key, false, target, reschedule(key, random), null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, Object> reschedule(String key, Random random) {
        LocalDate due = LocalDate.of(2024, 2, 1).plusDays(random.nextInt(300));
        return Map.of("newDue", due.toString(), "reason", reason(key), "effectiveOn", "2024-01-15",
                "basis", Map.of("number", (1 + random.nextInt(500)) + "/UBND-KGVX", "date", "2024-01-10"));
    }

    private static String reason(String key) {
        return "fault load " + key;
    }

    /** Sends one command until it has an answer other than 503 (or the retry limit passes) and records it. */
    private void send(String base, String key, boolean plan, String path, Map<String, Object> body, Long ifMatch)
            throws InterruptedException {
        String identifier = plan ? (String) body.get("planId") : reason(key);
        long giveUp = System.currentTimeMillis() + RETRY_LIMIT.toMillis();
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
            withIfMatch.incrementAndGet();
        }
        while (true) {
            HttpResponse<String> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException none) {
                if (noAnswer.incrementAndGet() % 200 == 1) {
                    System.out.println("faults: no answer from " + base + ": " + none);
                }
                if (System.currentTimeMillis() > giveUp) {
                    sent.add(new Sent(key, plan, identifier, Outcome.UNKNOWN, 0, 0));
                    return;
                }
                Thread.sleep(NO_ANSWER_PAUSE.toMillis());
                continue;
            }
            int status = answer.statusCode();
            if (status == 503) {
                unavailable.incrementAndGet();
                String retryAfter = answer.headers().firstValue("Retry-After").orElse("");
                String type = answer.headers().firstValue("Content-Type").orElse("");
                if (!retryAfter.matches("\\d+") || !type.startsWith("application/problem+json")) {
                    badUnavailable.incrementAndGet();
                    otherFailures.add("503 without problem+json and Retry-After: " + type + " '" + retryAfter + "' "
                            + clip(answer.body()));
                }
                if (System.currentTimeMillis() > giveUp) {
                    sent.add(new Sent(key, plan, identifier, Outcome.UNKNOWN, status, 0));
                    return;
                }
                // the client's pace after a 503: its Retry-After, at most a second (the load must go on probing)
                Thread.sleep(retryAfter.matches("\\d+") ? Math.min(1000L, 1000L * Long.parseLong(retryAfter)) : 500);
                continue;
            }
            Outcome outcome = status / 100 == 2 ? Outcome.ACKNOWLEDGED
                    : status == 409 || status == 412 ? Outcome.CONFLICT
                    : status >= 500 ? Outcome.OTHER_5XX : Outcome.REFUSED;
            if (outcome == Outcome.OTHER_5XX || outcome == Outcome.REFUSED) {
                otherFailures.add(status + " " + path + ": " + clip(answer.body()));
            }
            if (path.endsWith("/reschedule")) {
                remember(key.substring(run.length() + 2, key.lastIndexOf('-')) + " " + path, outcome, answer);
            }
            sent.add(new Sent(key, plan, identifier, outcome, status, System.currentTimeMillis()));
            return;
        }
    }

    private void remember(String clientAndPath, Outcome outcome, HttpResponse<String> answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            JsonNode version = outcome == Outcome.ACKNOWLEDGED ? body.get("version") : body.get("currentVersion");
            if (version != null && version.canConvertToLong()) {
                seenVersions.put(clientAndPath, version.asLong());
            } else if (outcome == Outcome.CONFLICT) {
                seenVersions.remove(clientAndPath);
            }
        } catch (IOException notJson) {
            seenVersions.remove(clientAndPath);
        }
    }

    /** Counts in the event store how often each command was stored, and prints the scenario's line. */
    private void report(String scenario) throws Exception {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection db = connect()) {
            count(db, """
                    select aggregate_identifier, count(*) from domain_event_entry
                    where aggregate_identifier like ? group by aggregate_identifier""", stored,
                    ("f-" + run + "-%").toLowerCase(Locale.ROOT));
            count(db, """
                    select r, count(*) from (select convert_from(payload, 'UTF8')::jsonb ->> 'reason' as r
                                             from domain_event_entry where aggregate_identifier like ?) e
                    where r like ? group by r""", stored, PLAN + "/%", reason(run + "-%"));
        }
        long acknowledged = 0, storedOnce = 0, lost = 0, duplicated = 0, phantom = 0, conflicts = 0, unknown = 0,
                unknownStored = 0, other5xx = 0, refused = 0;
        List<Long> acks = new ArrayList<>();
        for (Sent s : sent) {
            int times = stored.getOrDefault(s.identifier(), 0);
            if (times > 0) {
                storedOnce++;
            }
            duplicated += Math.max(0, times - 1);
            switch (s.outcome()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    acks.add(s.answeredAt());
                    if (times == 0) {
                        lost++;
                    }
                }
                case UNKNOWN -> {
                    unknown++;
                    unknownStored += times > 0 ? 1 : 0;
                }
                case CONFLICT -> {
                    conflicts++;
                    phantom += times > 0 ? 1 : 0;
                }
                case REFUSED -> {
                    refused++;
                    phantom += times > 0 ? 1 : 0;
                }
                case OTHER_5XX -> {
                    other5xx++;
                    phantom += times > 0 ? 1 : 0;
                }
            }
        }
        acks.sort(Long::compare);
        long gap = 0;
        for (int i = 1; i < acks.size(); i++) {
            gap = Math.max(gap, acks.get(i) - acks.get(i - 1));
        }
        otherFailures.stream().limit(10).forEach(f -> System.out.println("faults: " + f));
        System.out.printf(Locale.ROOT, "FAULTS scenario=%s sent=%d acknowledged=%d stored=%d lost=%d duplicated=%d "
                        + "phantom=%d conflicts=%d refused=%d unknown=%d unknown_stored=%d other5xx=%d "
                        + "unavailable=%d bad503=%d no_answer=%d if_match=%d longest_gap_s=%.1f%n",
                scenario, sent.size(), acknowledged, storedOnce, lost, duplicated, phantom, conflicts, refused, unknown,
                unknownStored, other5xx, unavailable.get(), badUnavailable.get(), noAnswer.get(), withIfMatch.get(),
                gap / 1000.0);
    }

    /** The event store, waited for: the load may end while the runner restarts PostgreSQL. */
    private static Connection connect() {
        return await("the event store at " + env("FAULT_DB_URL", "")).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> DriverManager.getConnection(env("FAULT_DB_URL", ""), env("FAULT_DB_USER", "planledger"),
                        env("FAULT_DB_PASSWORD", "planledger")), Objects::nonNull);
    }

    private static void count(Connection db, String sql, Map<String, Integer> into, String... parameters)
            throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    into.merge(rows.getString(1), rows.getInt(2), Integer::sum);
                }
            }
        }
    }

    private static String clip(String text) {
        String one = text == null ? "" : text.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
