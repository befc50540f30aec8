package org.planledger.command.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measures of {@code bench/run} that need a program rather than wrk or pgbench: the store generator
 * ({@link StoreGenerator}), the command → read model latency probe, replays, the raw scan, verification, point-in-time reads and the 1st vs the
 * 1,000th command on one aggregate, and the summary of a JFR profile ({@link Profile}). Talks to the running services
 * over HTTP (as a client would), except the generator, and reads PostgreSQL
 * directly only to see when a row becomes visible and what the event table holds. Each measure prints
 * {@code RESULT <key> <value>} lines that bench/run turns into its report.
 *
 * <p>Settings come from the environment: BENCH_COMMAND, BENCH_QUERY (base URLs), BENCH_DB_URL, BENCH_DB_USER,
 * BENCH_DB_PASSWORD, BENCH_AUTH ({@code user:password}, a real account).
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SON_LA = "sonla-cchc-2024";

    private final String command = env("BENCH_COMMAND", "http://127.0.0.1:18381");
    private final String query = env("BENCH_QUERY", "http://127.0.0.1:18382");
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(
            env("BENCH_AUTH", "admin:demo").getBytes(StandardCharsets.UTF_8));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "grow-plan" -> bench.growPlan(options.getOrDefault("plan", SON_LA), intOption(options, "events", 1000));
            case "generate" -> StoreGenerator.generate(intOption(options, "events", 20_000), intOption(options, "threads", 3));
            case "targets" -> bench.targets(options.get("plan"), options.get("out"));
            case "settle" -> bench.settle(Duration.ofMinutes(intOption(options, "minutes", 30)));
            case "asof" -> bench.asOf(options.getOrDefault("label", "asof"), intOption(options, "rounds", 200));
            case "latency" -> bench.latency(intOption(options, "n", 100));
            case "aggregate" -> bench.aggregate(intOption(options, "n", 1000));
            case "replay" -> bench.replay(options.get("processor"));
            case "scan" -> bench.scan();
            case "verify" -> bench.verify();
            case "profile" -> Profile.summarize(java.nio.file.Path.of(options.get("jfr")), intOption(options, "top", 12));
            default -> throw new IllegalArgumentException("unknown measure " + args[0]);
        }
        // the generator's in-process command side leaves non-daemon threads behind its closed context
        System.out.flush();
        System.exit(0);
    }

    // --- data ------------------------------------------------------------------------------------------------------

    /** Reschedules on the plan's activities, from four clients, until the plan's own history holds {@code events} events. */
    private void growPlan(String plan, int events) throws Exception {
        List<String> targets = rescheduleTargets(plan);
        AtomicLong missing = new AtomicLong(events - planEvents(plan));
        ExecutorService pool = Executors.newFixedThreadPool(4, daemon());
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (missing.getAndDecrement() > 0) {
                    if (reschedule(targets.get(random.nextInt(targets.size())), random) / 100 != 2) {
                        missing.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        result("plan_events_" + plan, planEvents(plan));
    }

    /** Writes the reschedule paths of a plan (one per activity's first milestone) for wrk's script. */
    private void targets(String plan, String out) throws Exception {
        List<String> targets = rescheduleTargets(plan);
        StringBuilder lua = new StringBuilder("return {\n");
        targets.forEach(t -> lua.append("  \"").append(t).append("\",\n"));
        lua.append("}\n");
        java.nio.file.Files.writeString(java.nio.file.Path.of(out), lua);
        result("targets_" + plan, targets.size());
    }

    /** Waits until every processor of the query side has handled every stored event (and the sealer has sealed them). */
    private void settle(Duration limit) throws Exception {
        long head = head();
        Instant until = Instant.now().plus(limit);
        for (String processor : List.of("plan", "plan_history", "audit_entry")) {
            awaitUntil(processor + " at " + head, until, Duration.ofMillis(100), () -> position(processor) >= head);
            awaitUntil(processor + " not rebuilding", until, Duration.ofMillis(100), () -> live(processor));
        }
        try (Connection db = db()) {
            awaitUntil("the chain sealed to " + head, until, Duration.ofMillis(100),
                    () -> single(db, "select coalesce(max(global_index), 0) from ledger_chain") >= head);
        }
        result("settled_at", head);
    }

    // --- measures ----------------------------------------------------------------------------------------------------

    /** p50 of {@code GET /api/plans/sonla-cchc-2024?asOf=…} at random instants of the plan's history. */
    private void asOf(String label, int rounds) throws Exception {
        Instant first;
        Instant last;
        try (Connection db = db()) {
            first = Instant.ofEpochMilli(single(db, "select (extract(epoch from min(time_stamp::timestamptz)) * 1000)::bigint "
                    + "from domain_event_entry where aggregate_identifier like '" + SON_LA + "%'"));
            last = Instant.ofEpochMilli(single(db, "select (extract(epoch from max(time_stamp::timestamptz)) * 1000)::bigint "
                    + "from domain_event_entry where aggregate_identifier like '" + SON_LA + "%'"));
        }
        Random random = new Random(5);
        double[] ms = new double[rounds];
        for (int i = -30; i < rounds; i++) {
            Instant at = first.plusMillis((long) (random.nextDouble() * Math.max(1, Duration.between(first, last).toMillis())));
            long start = System.nanoTime();
            int status = get(query + "/api/plans/" + SON_LA + "?asOf=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8));
            if (status != 200) {
                throw new IllegalStateException("asOf answered " + status);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        result(label + "_p50_ms", ms[rounds / 2]);
        result(label + "_store_events", storeEvents());
    }

    /**
     * Command answered → row visible: a reschedule on the command side, then the activity's version in
     * {@code activity_view}, its entry in {@code audit_entry} and its link in {@code ledger_chain} (the sealer), polled
     * in PostgreSQL every 0.5 ms from the HTTP answer on (so the command's authentication is not in the figure). Each
     * probe starts once the previous one is everywhere, the chain included: from a query side with nothing to do.
     */
    private void latency(int n) throws Exception {
        List<String> targets = rescheduleTargets(SON_LA);
        Random random = new Random(3);
        double[] view = new double[n];
        double[] audit = new double[n];
        double[] chain = new double[n];
        try (Connection db = db();
                PreparedStatement version = db.prepareStatement("select version from activity_view where activity_id = ?");
                PreparedStatement entry = db.prepareStatement(
                        "select 1 from audit_entry where activity_id = ? and aggregate_sequence = ? limit 1");
                PreparedStatement link = db.prepareStatement(
                        "select 1 from ledger_chain where aggregate_identifier = ? and sequence_number = ?")) {
            for (int i = -5; i < n; i++) {
                String path = targets.get(random.nextInt(targets.size()));
                String activity = activityOf(path);
                HttpResponse<String> answer = post(path, rescheduleBody(random));
                long answered = System.nanoTime();
                if (answer.statusCode() != 200) {
                    i--;
                    continue;
                }
                long v = JSON.readTree(answer.body()).get("version").asLong();
                double seenView = -1;
                double seenAudit = -1;
                double seenChain = -1;
                while (seenView < 0 || seenAudit < 0 || seenChain < 0) {
                    if (seenView < 0) {
                        version.setString(1, activity);
                        try (ResultSet rs = version.executeQuery()) {
                            if (rs.next() && rs.getLong(1) >= v) {
                                seenView = (System.nanoTime() - answered) / 1e6;
                            }
                        }
                    }
                    if (seenAudit < 0) {
                        entry.setString(1, activity);
                        entry.setLong(2, v);
                        try (ResultSet rs = entry.executeQuery()) {
                            if (rs.next()) {
                                seenAudit = (System.nanoTime() - answered) / 1e6;
                            }
                        }
                    }
                    if (seenChain < 0) {
                        link.setString(1, activity);
                        link.setLong(2, v);
                        try (ResultSet rs = link.executeQuery()) {
                            if (rs.next()) {
                                seenChain = (System.nanoTime() - answered) / 1e6;
                            }
                        }
                    }
                    if ((System.nanoTime() - answered) > 30_000_000_000L) {
                        throw new IllegalStateException("no read model row 30 s after the answer for " + path);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
                if (i >= 0) {
                    view[i] = seenView;
                    audit[i] = seenAudit;
                    chain[i] = seenChain;
                }
            }
        }
        for (String p : List.of("50", "95", "99")) {
            int q = Integer.parseInt(p);
            result("latency_view_p" + p + "_ms", percentile(view, q));
            result("latency_audit_p" + p + "_ms", percentile(audit, q));
            result("latency_chain_p" + p + "_ms", percentile(chain, q));
        }
    }

    /** The first and the n-th reschedule of one new activity, each the median of 20 commands, over HTTP. */
    private void aggregate(int n) throws Exception {
        String plan = "agg-" + Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
        check(post("/api/plans", Map.of("planId", plan, "title", "bench", "year", 2024,
                "decision", Map.of("number", "1/QĐ-UBND", "date", "2024-01-02"))), 201);
        check(post("/api/plans/" + plan + "/activities", Map.of("code", "I.1", "section", "I", "title", "bench",
                "products", List.of("Báo cáo"), "timeline", "Tháng 12/2024", "notes", "")), 201);
        String path = "/api/plans/" + plan + "/activities/I.1/milestones/m1/reschedule";
        double[] ms = new double[n];
        LocalDate due = LocalDate.of(2025, 1, 1);
        for (int i = 0; i < n; i++) {
            due = due.plusDays(1);
            long start = System.nanoTime();
            check(post(path, Map.of("newDue", due.toString(), "reason", "bench")), 200);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        double firstMs = median(Arrays.copyOfRange(ms, 0, 20));
        double lastMs = median(Arrays.copyOfRange(ms, n - 20, n));
        result("aggregate_first_ms", firstMs);
        result("aggregate_last_ms", lastMs);
        result("aggregate_events", n + 2);
    }

    /** Resets one read model through the admin API and times its replay of the whole store (token_entry). */
    private void replay(String processor) throws Exception {
        long head = head();
        long start = System.nanoTime();
        HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(URI.create(query + "/api/admin/projections/"
                + processor + "/reset")).header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        check(reset, 202);
        // first the reset must have taken effect (the position goes back), then the replay must reach the head
        Instant began = Instant.now();
        try {
            awaitUntil(processor + " reset", began.plusSeconds(5), Duration.ofMillis(5), () -> position(processor) < head);
        } catch (IllegalStateException tooFastToSee) {
            // a small store may be replayed before the first look: the position is at the head again already
        }
        awaitUntil(processor + " replayed to " + head, began.plus(Duration.ofHours(2)), Duration.ofMillis(20),
                () -> position(processor) >= head);
        // its reads answer 503 until the generation check has put the rebuilt generation live: part of the replay
        awaitUntil(processor + " rebuilt generation live", began.plus(Duration.ofHours(2)), Duration.ofMillis(5),
                () -> live(processor));
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = storeEvents();
        result("replay_" + processor + "_events", events);
        result("replay_" + processor + "_rate", events / seconds);
    }

    /** The reference for replays: one sequential read of the whole event table, best of three. */
    private void scan() throws Exception {
        double best = Double.MAX_VALUE;
        long events = 0;
        try (Connection db = db()) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                try (PreparedStatement s = db.prepareStatement("select count(*), sum(length(payload)) from domain_event_entry");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    events = rs.getLong(1);
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
        }
        result("scan_events", events);
        result("scan_rate", events / best);
    }

    /** {@code GET /api/ledger/verify} over the whole store, best of two. */
    private void verify() throws Exception {
        double best = Double.MAX_VALUE;
        long events = 0;
        boolean chainVerified = false;
        boolean readModelsComplete = false;
        // untimed: the replays before this leave rebuilt generations to go live, and verification waits for a
        // processor still catching up (PLANLEDGER_READ_MODEL_WAIT); timing that would measure the replays' tail
        await("every read model complete and none rebuilding, before verification is timed")
                .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).pollInSameThread()
                .until(() -> settled(query, auth));
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(query + "/api/ledger/verify"))
                    .header("Authorization", auth).timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            check(answer, 200);
            JsonNode body = JSON.readTree(answer.body());
            events = body.path("sealedPosition").asLong(storeEvents());
            chainVerified = body.path("chainVerified").asBoolean();
            readModelsComplete = body.path("readModels").path("complete").asBoolean();
        }
        // 1 or 0: the chain recomputed matches, and every read model accounted for every sealed event
        result("verify_chain", chainVerified ? 1 : 0);
        result("verify_read_models", readModelsComplete ? 1 : 0);
        result("verify_events", events);
        result("verify_rate", events / best);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private List<String> rescheduleTargets(String plan) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(query + "/api/plans/" + plan))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
        check(answer, 200);
        List<String> targets = new ArrayList<>();
        for (JsonNode activity : JSON.readTree(answer.body()).get("activities")) {
            for (JsonNode milestone : activity.get("milestones")) {
                if (!milestone.path("due").isNull() && !milestone.path("due").isMissingNode()) {
                    targets.add("/api/plans/" + plan + "/activities/" + activity.get("code").asText() + "/milestones/"
                            + milestone.get("id").asText() + "/reschedule");
                    break;
                }
            }
        }
        return targets;
    }

    private int reschedule(String path, Random random) throws Exception {
        return post(path, rescheduleBody(random)).statusCode();
    }

    private static Map<String, Object> rescheduleBody(Random random) {
        LocalDate due = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(1000));
        LocalDate effective = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300));
        return Map.of("newDue", due.toString(), "reason", "bench", "effectiveOn", effective.toString(),
                "basis", Map.of("number", random.nextInt(500) + "/UBND-KGVX", "date", effective.toString()));
    }

    private static String activityOf(String path) {
        String[] parts = path.split("/");
        return parts[3] + "/" + parts[5];
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(command + path)).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static Connection db() throws SQLException {
        return DriverManager.getConnection(env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger_bench"),
                env("BENCH_DB_USER", "planledger"), env("BENCH_DB_PASSWORD", "planledger"));
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long storeEvents() throws SQLException {
        try (Connection db = db()) {
            return single(db, "select count(*) from domain_event_entry");
        }
    }

    private static long head() throws SQLException {
        try (Connection db = db()) {
            return single(db, "select coalesce(max(global_index), 0) from domain_event_entry");
        }
    }

    private static long planEvents(String plan) throws SQLException {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                "select count(*) from domain_event_entry where aggregate_identifier = ? or aggregate_identifier like ?")) {
            s.setString(1, plan);
            s.setString(2, plan + "/%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The lowest position any segment of the processor has handled (a replay token's current position). */
    private static long position(String processor) throws SQLException {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement("""
                select min(coalesce(t -> 'currentToken' ->> 'index', t ->> 'index',
                                    t -> 'currentToken' ->> 'globalIndex', t ->> 'globalIndex', '-1')::bigint)
                from (select convert_from(token, 'UTF8')::jsonb as t from token_entry
                      where processor_name = ? and token is not null) tokens""")) {
            s.setString(1, processor);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1) == null ? -1 : rs.getLong(1);
            }
        }
    }

    /** Whether a read model answers from the generation its processor builds (not rebuilding, not building a first time). */
    private static boolean live(String processor) throws SQLException {
        try (Connection db = db(); PreparedStatement s = db.prepareStatement(
                "select live = building from projection_generation where processing_group = ?")) {
            s.setString(1, processor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Worker threads that do not keep the JVM alive when the measure fails. */
    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Checks {@code condition} every {@code every} until it holds; fails naming {@code what} once {@code until} passes. */
    private static void awaitUntil(String what, Instant until, Duration every, Check condition) throws Exception {
        while (!condition.holds()) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("waited in vain for " + what + " until " + until);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(every.toNanos());
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** The q-th percentile (nearest rank) of the values. */
    private static double percentile(double[] values, int q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * q / 100.0) - 1))];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static void result(String key, double value) {
        System.out.printf(Locale.ROOT, "RESULT %s %.2f%n", key, value);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }

    /** Whether {@code GET /api/ledger/verify} finds every read model complete and none of them rebuilding. */
    private static boolean settled(String query, String auth) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(query + "/api/ledger/verify"))
                .header("Authorization", auth).timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        check(answer, 200);
        JsonNode readModels = JSON.readTree(answer.body()).path("readModels");
        boolean rebuilding = false;
        for (JsonNode processor : readModels.path("processors")) {
            rebuilding |= processor.path("rebuilding").asBoolean();
        }
        return readModels.path("complete").asBoolean() && !rebuilding;
    }
}
