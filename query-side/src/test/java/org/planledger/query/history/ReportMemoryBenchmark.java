package org.planledger.query.history;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;

/**
 * A by-hand benchmark (not a test): does an inspection report stream, i.e. does the heap it needs stay the same when
 * the plan has ten times as many activities? Runs the query side in this JVM against PLANLEDGER_DB_URL, appends a
 * generated plan of {@code planledger.bench.small} activities (default 1,000) and one of {@code planledger.bench.large}
 * (default 10,000) to the event store, waits for the projections, then asks for the report of each plan in each
 * format, for one agency (so-noi-vu) and for all, over real HTTP, reading the answer as it arrives and only counting
 * its bytes. For each request it prints the time to the last byte, the bytes, the heap in use after a full GC just
 * before (baseline), the peak heap in use sampled every 5 ms during the request (includes garbage not yet collected)
 * and the largest heap left after any GC during the request (what the request actually kept alive). Run it with a
 * small heap (the script passes -Xmx256m) to show that a report of 10,000 activities fits in it.
 *
 * <p>Each activity has two milestones ("- Kế hoạch (Tháng 7/2024); - Báo cáo (quý IV/2024)"), a lead among five
 * departments and the group "cac-so-ban-nganh" as coordinator (so so-noi-vu takes part in every activity, as lead in a
 * fifth of them and through the group in the rest); every third activity has a reschedule on a basis, every tenth one
 * without, every fifth a report from so-noi-vu.
 *
 * <p>Run: {@code bench/report-memory-benchmark.sh} (see README, "Inspection reports").
 */
public final class ReportMemoryBenchmark {

    private static final List<String> LEADS = List.of("so-noi-vu", "so-tu-phap", "so-tai-chinh", "so-y-te",
            "so-ke-hoach-va-dau-tu");
    private static final List<String> FORMATS = List.of("xlsx", "pdf", "csv", "json");
    private static final Instant CUT_OFF = Instant.parse("2024-12-31T17:00:00Z");
    private static final Path OUT = Path.of("query-side", "target", "report-memory-benchmark.txt");

    private ReportMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int small = Integer.getInteger("planledger.bench.small", 1_000);
        int large = Integer.getInteger("planledger.bench.large", 10_000);
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, "");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        say("heap limit %d MB, %d cores", memory.getHeapMemoryUsage().getMax() >> 20,
                Runtime.getRuntime().availableProcessors());
        try (QuerySide querySide = QuerySide.start("logging.level.root=WARN")) {
            long stamp = System.currentTimeMillis();
            String smallPlan = load(querySide, "report-bench-" + small + "-" + stamp, small);
            String largePlan = load(querySide, "report-bench-" + large + "-" + stamp, large);

            for (String format : FORMATS) {                       // warm-up: JIT, fonts, connection pool
                request(querySide, smallPlan, format, null);
            }
            List<String> rows = new ArrayList<>();
            for (String format : FORMATS) {
                for (String agency : new String[] {"so-noi-vu", null}) {
                    for (Map.Entry<Integer, String> plan : Map.of(small, smallPlan, large, largePlan).entrySet()
                            .stream().sorted(Map.Entry.comparingByKey()).toList()) {
                        Measure m = measure(memory, () -> request(querySide, plan.getValue(), format, agency));
                        rows.add(String.format(Locale.ROOT, "| %,d | %s | %s | %d | %d | %d | %.1f | %,d |", plan.getKey(),
                                format, agency == null ? "all" : agency, m.baseline >> 20, m.peak >> 20, m.afterGc >> 20,
                                m.seconds, m.bytes));
                    }
                }
            }
            say("");
            say("| activities | format | scope | heap before (MB) | peak heap used (MB) | max heap after GC (MB) "
                    + "| seconds | bytes |");
            say("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |");
            rows.forEach(ReportMemoryBenchmark::say);
        }
    }

    /** Generates, appends and projects a plan of {@code activities} activities; returns its id (also the console pages benchmark's plan). */
    static String load(QuerySide querySide, String planId, int activities) {
        return load(querySide, planId, activities, true);
    }

    /** The same; {@code tell}: print and note (in this benchmark's output file) how long it took. */
    static String load(QuerySide querySide, String planId, int activities, boolean tell) {
        LedgerSimulation ledger = new LedgerSimulation(planId, Instant.parse("2024-01-04T02:00:00Z"), 0);
        DocumentRef decision = new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25));
        LocalDate inForce = LocalDate.of(2024, 1, 1);
        ledger.createPlan("Kế hoạch thử tải " + activities + " nhiệm vụ", 2024, decision);
        AgencyRef group = LedgerSimulation.agency("cac-so-ban-nganh");
        for (int i = 1; i <= activities; i++) {
            String code = "I." + i;
            ledger.register(code, "Nhiệm vụ số " + i + ": rà soát, đánh giá thủ tục hành chính thuộc phạm vi quản lý",
                    List.of("Kế hoạch", "Báo cáo"), "- Kế hoạch (Tháng 7/2024); - Báo cáo (quý IV/2024)", inForce);
            ledger.assign(code, LedgerSimulation.agency(LEADS.get(i % LEADS.size())), List.of(group),
                    "giao nhiệm vụ theo Kế hoạch", decision, inForce);
        }
        ledger.advance(Duration.ofDays(200));                                      // 2024-07-22
        AgencyRef soNoiVu = LedgerSimulation.agency("so-noi-vu");
        for (int i = 1; i <= activities; i++) {
            String code = "I." + i;
            if (i % 3 == 0) {
                ledger.reschedule(code, "m1", LocalDate.of(2024, 9, 30), "chờ hướng dẫn của Bộ Nội vụ",
                        new DocumentRef(i + "/UBND-KGVX", LocalDate.of(2024, 7, 15)), LocalDate.of(2024, 7, 15));
            }
            if (i % 10 == 0) {
                ledger.reschedule(code, "m2", LocalDate.of(2025, 1, 31), "chưa kịp", null, null);
            }
            if (i % 5 == 0) {
                ledger.report(code, soNoiVu, "m1", null, LocalDate.of(2024, 7, 20));
            }
        }
        long start = System.nanoTime();
        querySide.append(ledger.events());
        double appended = (System.nanoTime() - start) / 1e9;
        querySide.awaitCaughtUp(Duration.ofMinutes(60), "plan", "plan_history", "audit_entry");
        if (tell) {
            say("plan %s: %,d activities, %,d events generated; appended in %.1f s, projected (plan, plan_history, "
                    + "audit_entry) %.1f s after that", planId, activities, ledger.events().size(), appended,
                    (System.nanoTime() - start) / 1e9 - appended);
        }
        return planId;
    }

    /** Asks for the report and reads the answer as it streams in, keeping nothing but the count of bytes. */
    private static long request(QuerySide querySide, String planId, String format, String agency) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("agency", agency);
        query.put("asOf", CUT_OFF.toString());
        query.put("format", format);
        HttpResponse<InputStream> response = querySide.get("/api/plans/" + planId + "/inspection-report", query,
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            long bytes = 0;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                bytes += n;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(planId + " " + query + " answered " + response.statusCode());
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Measure(long baseline, long peak, long afterGc, double seconds, long bytes) {
    }

    private static Measure measure(MemoryMXBean memory, java.util.function.LongSupplier run) throws Exception {
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong afterGc = new AtomicLong(0);
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> isHeap(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                afterGc.accumulateAndGet(used, Math::max);
            }
        };
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        collectors.forEach(gc -> ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 5, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        long bytes = run.getAsLong();
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdown();
        sampler.awaitTermination(1, TimeUnit.SECONDS);
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
        return new Measure(baseline, peak.get(), afterGc.get(), seconds, bytes);
    }

    private static boolean isHeap(String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream().anyMatch(p -> p.getName().equals(pool)
                && p.getType() == java.lang.management.MemoryType.HEAP);
    }

    private static void say(String format, Object... args) {
        String line = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        System.out.println(line);
        try {
            Files.writeString(OUT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
