package org.planledger.command.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.planledger.command.CommandSideApplication;
import org.planledger.command.importing.PlanImport;
import org.planledger.command.support.Actor;
import org.planledger.command.support.LedgerCommands;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fast store generator: the command side itself (its Spring application, aggregates, command handlers, Axon's
 * JDBC storage engine, snapshots) started in this JVM on the benchmark database, fed with the commands a user would
 * send, without HTTP: copies of the Sơn La plan imported under new plan ids ({@link PlanImport}, as
 * {@code POST /api/plans/import} does), then reschedules spread over all their activities. No rows are copied; what
 * it saves is HTTP, authentication and a commit per command: each import, and each run of {@code batch} reschedules,
 * is one database transaction that the commands' units of work join (Axon's Spring transaction manager propagates
 * into a transaction already open). A batch that the ledger refuses (a rule, or two threads on one activity) rolls
 * back whole and is counted.
 */
final class StoreGenerator {

    private static final Actor SYSTEM = new Actor("system", "", "SYSTEM");
    private static final Actor ADMIN = new Actor("admin", "", "PLAN_ADMIN");
    private static final long EVENTS_PER_IMPORT = 450;

    private StoreGenerator() {
    }

    /** Grows the store to {@code target} events; prints the RESULT lines of bench/run. */
    static void generate(long target, int threads, int batch) throws Exception {
        try (ConfigurableApplicationContext app = commandSide()) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            PlanImport planImport = app.getBean(PlanImport.class);
            LedgerCommands commands = app.getBean(LedgerCommands.class);
            long before = count(jdbc);
            long start = System.nanoTime();
            PlanDocument sonLa = PlanDocuments.sonLa2024();
            Map<String, Integer> rows = new HashMap<>();
            for (int i = 0; i < sonLa.activities().size(); i++) {
                rows.put(sonLa.activities().get(i).code(), i + 1);
            }
            String run = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
            // most events from imports, a fifth from reschedules (deeper histories)
            int imports = (int) Math.max(1, (target - before) * 4 / 5 / EVENTS_PER_IMPORT);
            AtomicInteger next = new AtomicInteger();
            AtomicLong refused = new AtomicLong();
            List<String> activities = new ArrayList<>();
            for (int i = 0; i < imports; i++) {
                for (ActivityRow row : sonLa.activities()) {
                    activities.add(ActivityId.of("gen-" + run + "-" + i, row.code()));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < imports; i = next.getAndIncrement()) {
                            PlanDocument copy = new PlanDocument("gen-" + run + "-" + i, sonLa.title(), sonLa.year(),
                                    sonLa.decision(), sonLa.sections(), sonLa.activities());
                            try {
                                tx.executeWithoutResult(status -> planImport.load(copy, rows, SYSTEM));
                            } catch (RuntimeException e) {
                                refused.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                AtomicLong stored = new AtomicLong(count(jdbc));
                AtomicLong day = new AtomicLong();
                work.clear();
                for (int t = 0; t < threads; t++) {
                    work.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (stored.get() < target) {
                            try {
                                tx.executeWithoutResult(status -> {
                                    for (int i = 0; i < batch; i++) {
                                        reschedule(commands, activities.get(random.nextInt(activities.size())),
                                                day.incrementAndGet(), random);
                                    }
                                });
                            } catch (RuntimeException e) {
                                refused.incrementAndGet();
                            }
                            stored.set(count(jdbc));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = count(jdbc);
            Bench.result("generated_events", after - before);
            Bench.result("generated_seconds", seconds);
            Bench.result("generated_rate", (after - before) / seconds);
            Bench.result("generated_refused_transactions", refused.get());
            Bench.result("store_events", after);
        }
    }

    /** The same command as {@code POST …/milestones/m1/reschedule} with a due date, an effective date and a basis. */
    private static void reschedule(LedgerCommands commands, String activity, long day, ThreadLocalRandom random) {
        LocalDate due = LocalDate.of(2024, 1, 1).plusDays(day % 3000);
        LocalDate effective = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300));
        DocumentRef basis = new DocumentRef(random.nextInt(500) + "/UBND-KGVX", effective);
        commands.sendAs(ADMIN, new RescheduleDeadline(activity, null, "m1", due, "bench", basis, effective),
                new Change(effective, "bench", basis));
    }

    private static long count(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    /** The command side on the benchmark database (no second Sơn La load, no migrations: the services ran them). */
    private static ConfigurableApplicationContext commandSide() {
        // as arguments: default properties would lose against application.yml's ${PLANLEDGER_DB_URL:…}
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("demo").run(
                "--server.port=0",
                "--spring.datasource.url=" + Bench.env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger_bench"),
                "--spring.datasource.username=" + Bench.env("BENCH_DB_USER", "planledger"),
                "--spring.datasource.password=" + Bench.env("BENCH_DB_PASSWORD", "planledger"),
                "--spring.datasource.hikari.maximum-pool-size=8",
                "--spring.flyway.enabled=false",
                "--planledger.load-son-la-plan=false",
                "--planledger.log-dir=target/bench/logs",
                "--logging.level.root=WARN");
    }
}
