package org.planledger.query.history;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.planledger.query.history.LedgerSimulation.Recorded;

/**
 * A by-hand benchmark (not a test): the latency of point-in-time questions about the Sơn La plan when its history
 * holds 1,000 events and when it holds 100,000. Runs the query side in this JVM against PLANLEDGER_DB_URL (an empty
 * database is best), appends the events to the event store, waits for the projections, then asks each question
 * {@code planledger.bench.rounds} times (default 300) over real HTTP at random instants/dates of the history and
 * prints median and 95th percentile per question, and the ratio of the two sizes. "plan now" (the current read
 * model) is there for comparison. The benchmark's one account has an unhashed password, so that the latency is the
 * query's, not bcrypt's.
 *
 * <p>Run: {@code bench/asof-benchmark.sh} (see README).
 */
public final class AsOfBenchmark {

    private AsOfBenchmark() {
    }

    public static void main(String[] args) {
        int small = Integer.getInteger("planledger.bench.small", 1_000);
        int large = Integer.getInteger("planledger.bench.large", 100_000);
        int rounds = Integer.getInteger("planledger.bench.rounds", 300);
        try (QuerySide querySide = QuerySide.startWithPlainPassword("logging.level.root=WARN")) {
            LedgerSimulation ledger = SonLaLedger.load("bench-" + System.currentTimeMillis(),
                    Instant.parse("2024-01-04T02:00:00Z"), 0);
            Random random = new Random(7);
            SonLaLedger.grow(ledger, random, small);
            int appended = load(querySide, ledger, 0);
            Map<String, double[]> atSmall = measure(querySide, ledger, ledger.events().size(), rounds, new Random(1));

            SonLaLedger.grow(ledger, random, large);
            load(querySide, ledger, appended);
            Map<String, double[]> atLarge = measure(querySide, ledger, ledger.events().size(), rounds, new Random(1));
            Map<String, double[]> atLargeEarly = measure(querySide, ledger, small, rounds, new Random(1));

            System.out.printf(Locale.ROOT, "%nplan %s: %d events, then %d events; %d rounds per question (ms)%n",
                    ledger.planId(), small, ledger.events().size(), rounds);
            System.out.printf(Locale.ROOT, "%-26s %10s %10s %10s %10s %10s %8s%n", "question", "p50@" + small,
                    "p95@" + small, "p50@" + large, "p95@" + large, "p50@" + large + "*", "p50 ratio");
            for (String question : atSmall.keySet()) {
                double[] s = atSmall.get(question);
                double[] l = atLarge.get(question);
                double[] e = atLargeEarly.get(question);
                System.out.printf(Locale.ROOT, "%-26s %10.2f %10.2f %10.2f %10.2f %10.2f %8.2f%n", question, s[0], s[1],
                        l[0], l[1], e[0], l[0] / s[0]);
            }
            System.out.println("* instants and dates drawn from the first " + small + " events of the larger history");
        }
    }

    private static int load(QuerySide querySide, LedgerSimulation ledger, int from) {
        List<Recorded> events = ledger.events();
        long start = System.nanoTime();
        querySide.append(events.subList(from, events.size()));
        querySide.awaitCaughtUp(Duration.ofMinutes(60), "plan", "plan_history", "audit_entry");
        System.out.printf(Locale.ROOT, "appended and projected %d events in %.1f s%n", events.size() - from,
                (System.nanoTime() - start) / 1e9);
        return events.size();
    }

    /** Median and 95th percentile in ms of each question, at instants/dates drawn from the first {@code upTo} events. */
    private static Map<String, double[]> measure(QuerySide querySide, LedgerSimulation ledger, int upTo, int rounds,
            Random random) {
        String plan = "/api/plans/" + ledger.planId();
        List<Recorded> events = ledger.events().subList(0, upTo);
        Instant first = events.get(0).recordedAt();
        Instant last = events.get(events.size() - 1).recordedAt();
        Map<String, Function<Random, Object[]>> questions = new LinkedHashMap<>();
        questions.put("plan now (no asOf)", r -> new Object[] {plan});
        questions.put("plan asOf", r -> new Object[] {plan, "asOf", instant(r, first, last)});
        questions.put("activity asOf", r -> new Object[] {plan + "/activities/" + code(r, ledger), "asOf",
                instant(r, first, last)});
        questions.put("workload asOf", r -> new Object[] {plan + "/workload", "asOf", instant(r, first, last)});
        questions.put("plan validAt", r -> new Object[] {plan, "validAt", date(r, first, last)});
        questions.put("plan asOf+validAt", r -> new Object[] {plan, "asOf", instant(r, first, last), "validAt",
                date(r, first, last)});
        questions.put("workload asOf+validAt", r -> new Object[] {plan + "/workload", "asOf", instant(r, first, last),
                "validAt", date(r, first, last)});
        Map<String, double[]> result = new LinkedHashMap<>();
        measureSql(querySide, ledger, first, last, rounds, random, result);
        for (Map.Entry<String, Function<Random, Object[]>> q : questions.entrySet()) {
            for (int i = 0; i < 50; i++) {
                ask(querySide, q.getValue().apply(random));
            }
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                Object[] question = q.getValue().apply(random);
                long start = System.nanoTime();
                ask(querySide, question);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            result.put(q.getKey(), new double[] {ms[rounds / 2], ms[(int) (rounds * 0.95)]});
        }
        return result;
    }

    /**
     * The read-model SQL alone (what the plan query runs at a point in time: activities, milestones), without HTTP,
     * authentication and JSON.
     */
    private static void measureSql(QuerySide querySide, LedgerSimulation ledger, Instant first, Instant last, int rounds,
            Random random, Map<String, double[]> result) {
        org.springframework.jdbc.core.JdbcTemplate jdbc =
                querySide.context().getBean(org.springframework.jdbc.core.JdbcTemplate.class);
        int generation = querySide.context().getBean(org.planledger.query.support.ProjectionGenerations.class)
                .live("plan_history");
        for (String axis : List.of("R", "V")) {
            double[] ms = new double[rounds];
            for (int i = -50; i < rounds; i++) {
                java.time.OffsetDateTime t = instant(random, first, last).atOffset(java.time.ZoneOffset.UTC);
                LocalDate d = axis.equals("R") ? LocalDate.MAX : date(random, first, last);
                long start = System.nanoTime();
                jdbc.queryForList("select * from history_activities_at(?, ?, cast(? as char), ?, ?)", generation,
                        ledger.planId(), axis, t, d);
                jdbc.queryForList("select * from history_milestones_at(?, ?, cast(? as char), ?, ?)", generation,
                        ledger.planId(), axis, t, d);
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            Arrays.sort(ms);
            result.put(axis.equals("R") ? "SQL only: plan asOf" : "SQL only: asOf+validAt",
                    new double[] {ms[rounds / 2], ms[(int) (rounds * 0.95)]});
        }
    }

    private static void ask(QuerySide querySide, Object[] question) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 1; i < question.length; i += 2) {
            query.put((String) question[i], question[i + 1].toString());
        }
        HttpResponse<String> response = querySide.get((String) question[0], query);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(question[0] + " " + query + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static Instant instant(Random random, Instant from, Instant to) {
        long span = Duration.between(from, to).toMillis();
        return from.plusMillis((long) (random.nextDouble() * span));
    }

    private static LocalDate date(Random random, Instant from, Instant to) {
        return LocalDate.ofInstant(instant(random, from, to), LedgerSimulation.ZONE);
    }

    private static String code(Random random, LedgerSimulation ledger) {
        List<String> codes = new ArrayList<>(ledger.codes());
        return codes.get(random.nextInt(codes.size()));
    }
}
