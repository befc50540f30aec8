package org.planledger.command.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.planledger.command.CommandSideApplication;
import org.planledger.command.importing.PlanImport;
import org.planledger.command.support.Actor;
import org.planledger.command.support.Agencies;
import org.planledger.command.support.LedgerCommands;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.api.ActingAgency;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.api.SubmitReport;
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
 * JDBC storage engine and serializer, snapshots) started in this JVM on the benchmark database, fed with the
 * commands its users would send, without HTTP: copies of the Sơn La plan imported under new plan ids
 * ({@link PlanImport}, as {@code POST /api/plans/import} does: plan created, activities registered with their
 * milestones, assigned), each followed by changes to its activities: reschedules (plan admin), reports on the first
 * milestone (an officer of the leading agency) and reassignments (a coordinator added, or taken away again). No rows
 * are copied: every event is decided by an aggregate and serialized by Axon; the query side's sealer chains them.
 * <p>
 * What it saves is HTTP, authentication, and a round trip and a commit per command: each thread works on one new
 * plan at a time, whose aggregates no one else can know yet; their events stay in memory ({@link PlanChunks}) until
 * the plan is done and are then stored in one transaction, one JDBC batch (rewritten by the driver into multi-row
 * INSERTs). A command the ledger refuses appended nothing: it is counted and skipped, the plan's other events stay.
 */
final class StoreGenerator {

    private static final Actor SYSTEM = new Actor("system", "", "SYSTEM");
    private static final Actor ADMIN = new Actor("admin", "", "PLAN_ADMIN");
    /** About half as many events as an import brings (348): a plan of 81 activities, about 2 changes each. */
    private static final int CHANGES_PER_PLAN = 175;

    private final PlanImport planImport;
    private final LedgerCommands commands;
    private final Agencies agencies;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PlanChunks chunks;
    private final PlanDocument sonLa = PlanDocuments.sonLa2024();
    private final Map<String, Integer> rowOfCode = new HashMap<>();
    /** Per row of the plan: the assignment as imported, and an officer of its first lead (null for a group). */
    private final List<Row> rows = new ArrayList<>();
    private final AtomicLong refusedCommands = new AtomicLong();
    private final AtomicLong failedTransactions = new AtomicLong();
    private final AtomicLong commandsSent = new AtomicLong();

    private StoreGenerator(ConfigurableApplicationContext app, PlanChunks chunks) {
        planImport = app.getBean(PlanImport.class);
        commands = app.getBean(LedgerCommands.class);
        agencies = app.getBean(Agencies.class);
        jdbc = new JdbcTemplate(app.getBean(DataSource.class));
        tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        this.chunks = chunks;
        AgencyResolver resolver = new AgencyResolver(AgencyDirectory.standard());
        for (int i = 0; i < sonLa.activities().size(); i++) {
            ActivityRow row = sonLa.activities().get(i);
            rowOfCode.put(row.code(), i + 1);
            List<AgencyRef> leads = refs(resolver.resolveCell(row.lead()));
            List<AgencyRef> coordinators = refs(resolver.resolveCell(row.coordinators())).stream()
                    .filter(c -> leads.stream().noneMatch(l -> l.id().equals(c.id()))).toList();
            Agency first = resolver.resolveCell(row.lead()).get(0);
            rows.add(new Row(row.code(), leads, coordinators, first.isGroup() ? null : leads.get(0)));
        }
    }

    private record Row(String code, List<AgencyRef> leads, List<AgencyRef> coordinators, AgencyRef reporter) {
    }

    /** Grows the store to {@code target} events; prints the RESULT lines of bench/run. */
    static void generate(long target, int threads) throws Exception {
        PlanChunks.Wrapping wrapping = new PlanChunks.Wrapping();
        try (ConfigurableApplicationContext app = commandSide(threads, wrapping)) {
            new StoreGenerator(app, wrapping.chunks()).run(target, threads);
        }
    }

    private void run(long target, int threads) throws Exception {
        long before = count();
        long start = System.nanoTime();
        String run = Long.toString(System.currentTimeMillis() % 10_000_000L, 36);
        AtomicInteger nextPlan = new AtomicInteger();
        AtomicLong stored = new AtomicLong(before);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(31L * t + 7);
                work.add(pool.submit(() -> {
                    while (stored.get() < target) {
                        stored.addAndGet(plan("gen-" + run + "-" + nextPlan.getAndIncrement(), random));
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
        long after = count();
        Bench.result("generated_events", after - before);
        Bench.result("generated_seconds", seconds);
        Bench.result("generated_rate", (after - before) / seconds);
        Bench.result("generated_plans", nextPlan.get());
        Bench.result("generated_commands", commandsSent.get());
        Bench.result("generated_refused_commands", refusedCommands.get());
        Bench.result("generated_failed_transactions", failedTransactions.get());
        Bench.result("store_events", after);
    }

    /**
     * One new plan: the Sơn La plan imported under {@code planId}, then {@link #CHANGES_PER_PLAN} changes to its
     * activities: reschedules (7 in 10), reports (2 in 10) and reassignments (1 in 10). Its aggregates live in
     * memory until its events are stored in one transaction; returns how many were stored (0 if that failed).
     */
    private int plan(String planId, SplittableRandom random) {
        chunks.begin(planId);
        try {
            PlanDocument copy = new PlanDocument(planId, sonLa.title(), sonLa.year(), sonLa.decision(),
                    sonLa.sections(), sonLa.activities());
            planImport.load(copy, rowOfCode, SYSTEM);
            Map<String, Boolean> widened = new HashMap<>();
            for (int i = 0; i < CHANGES_PER_PLAN; i++) {
                Row row = rows.get(random.nextInt(rows.size()));
                String activity = ActivityId.of(planId, row.code());
                int kind = random.nextInt(10);
                if (kind < 7 || (kind < 9 && row.reporter() == null)) {
                    command(() -> reschedule(activity, random));
                } else if (kind < 9) {
                    command(() -> report(activity, row, random));
                } else {
                    boolean wide = widened.getOrDefault(activity, false);
                    if (command(() -> reassign(activity, row, !wide))) {
                        widened.put(activity, !wide);
                    }
                }
            }
            Integer n = tx.execute(status -> chunks.flush());
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            chunks.discard();
            failedTransactions.incrementAndGet();
            return 0;
        }
    }

    /** One command; one the ledger refuses changed nothing (its events are appended only on success): counted. */
    private boolean command(Runnable send) {
        commandsSent.incrementAndGet();
        try {
            send.run();
            return true;
        } catch (RuntimeException refused) {
            refusedCommands.incrementAndGet();
            return false;
        }
    }

    /** The same command as {@code POST …/milestones/m1/reschedule} with a due date, an effective date and a basis. */
    private void reschedule(String activity, SplittableRandom random) {
        LocalDate due = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(3000));
        LocalDate effective = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(300));
        DocumentRef basis = new DocumentRef(random.nextInt(500) + "/UBND-KGVX", effective);
        commands.sendAs(ADMIN, new RescheduleDeadline(activity, null, "m1", due, "bench", basis, effective),
                new Change(effective, "bench", basis));
    }

    /** The same command as {@code POST …/reports} from an officer of the activity's (first) lead, on milestone m1. */
    private void report(String activity, Row row, SplittableRandom random) {
        AgencyRef agency = row.reporter();
        Set<String> groups = agencies.groupsOf(agency.id());
        LocalDate sentOn = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(360));
        Actor officer = new Actor("officer-" + agency.id(), agency.id(), "AGENCY_OFFICER");
        commands.sendAs(officer, new SubmitReport(activity, null, agency, groups, "m1", null, "báo cáo tiến độ",
                random.nextInt(900) + "/BC-" + agency.id(), sentOn, commands.today(), new ActingAgency(agency.id(), groups)),
                new Change(sentOn, null, null));
    }

    /** The same command as {@code POST …/assignment}: the imported assignment, or it with one more coordinator. */
    private void reassign(String activity, Row row, boolean widen) {
        List<AgencyRef> coordinators = new ArrayList<>(row.coordinators());
        AgencyRef extra = new AgencyRef("so-tu-phap", "Sở Tư pháp");
        if (widen && row.leads().stream().noneMatch(l -> l.id().equals(extra.id()))
                && coordinators.stream().noneMatch(c -> c.id().equals(extra.id()))) {
            coordinators.add(extra);
        }
        DocumentRef basis = new DocumentRef("16/UBND-KGVX", LocalDate.of(2024, 2, 1));
        commands.sendAs(ADMIN, new AssignActivity(activity, null, row.leads().get(0), row.leads().subList(1, row.leads().size()),
                coordinators, "điều chỉnh phối hợp", basis, basis.date()), new Change(basis.date(), "điều chỉnh phối hợp", basis));
    }

    private static List<AgencyRef> refs(List<Agency> found) {
        Map<String, AgencyRef> unique = new java.util.LinkedHashMap<>();
        found.forEach(a -> unique.putIfAbsent(a.id(), new AgencyRef(a.id(), a.name())));
        return List.copyOf(unique.values());
    }

    private long count() {
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    /** The command side on the benchmark database (no second Sơn La load, no migrations: the services ran them). */
    private static ConfigurableApplicationContext commandSide(int threads, PlanChunks.Wrapping wrapping) {
        String url = Bench.env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger_bench");
        // as arguments: default properties would lose against application.yml's ${PLANLEDGER_DB_URL:…}
        return new SpringApplicationBuilder(CommandSideApplication.class).profiles("demo")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(wrapping)).run(
                "--server.port=0",
                "--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                "--spring.datasource.username=" + Bench.env("BENCH_DB_USER", "planledger"),
                "--spring.datasource.password=" + Bench.env("BENCH_DB_PASSWORD", "planledger"),
                "--spring.datasource.hikari.maximum-pool-size=" + (threads + 4),
                "--spring.flyway.enabled=false",
                "--planledger.load-son-la-plan=false",
                "--planledger.log-dir=target/bench/logs",
                "--logging.level.root=WARN");
    }
}
