package org.planledger.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.PlanCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: a measurement run by hand (README, "Tamper evidence"), never by the suite:
 * <pre>PLANLEDGER_TEST_DB=planledger_bench ./planledger test -pl query-side -am -Dtest=none -Dit.test=LedgerBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false</pre>
 * It measures (1) appends per second from concurrent writers, one event per transaction, with the sealer stopped and
 * with it running; (2) how fast the sealer catches up with 100,000 events; (3) how fast verification recomputes the
 * chain over about 10,000 and over 100,000 events, with the peak heap use during each (run it with a small heap,
 * {@code -DargLine=-Xmx64m}, to see that verification does not hold the ledger in memory). The plan projection is
 * stopped so that it does not compete for the machine's cores. Figures go to standard output and
 * target/ledger-benchmark.txt.
 */
@SpringBootTest
class LedgerBenchmark {

    private static final int WRITERS = 4;
    private static final int APPENDS_PER_ROUND = 4_000;
    private static final int ROUNDS = 8;
    private static final int LEDGER_SIZE = 100_000;

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerSealer sealer;
    @Autowired
    LedgerVerifier verifier;
    @Autowired
    EventProcessingConfiguration processing;

    private final Path report = Path.of("target", "ledger-benchmark.txt");

    @Test
    void measure() throws Exception {
        processing.eventProcessor("plan", StreamingEventProcessor.class).ifPresent(StreamingEventProcessor::shutDown);
        Files.writeString(report, "");
        say("machine: %d cores, PostgreSQL %s", Runtime.getRuntime().availableProcessors(),
                jdbc.queryForObject("show server_version", String.class));

        // warm-up: JIT, connection pool, caches
        appendConcurrently(500);
        awaitSealed();
        fillTo(10_000);
        awaitSealed();
        verifyTimed();
        verifyTimed();

        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // alternate which goes first, so that drift in the machine's load does not favour one side
            double without;
            double with;
            if (round % 2 == 1) {
                without = appendWithoutSealer();
                with = appendWithSealer();
            } else {
                with = appendWithSealer();
                without = appendWithoutSealer();
            }
            ratios.add(with / without);
            say("round %d: %d writers, one event per transaction: %.0f appends/s with the sealer stopped, %.0f/s with it "
                    + "sealing alongside (%+.1f%%)", round, WRITERS, without, with, 100 * (with - without) / without);
        }
        ratios.sort(Double::compare);
        say("appends with the sealer running, median over %d rounds: %+.1f%% (range %+.1f%% to %+.1f%%)", ROUNDS,
                100 * (median(ratios) - 1), 100 * (ratios.get(0) - 1), 100 * (ratios.get(ratios.size() - 1) - 1));

        sealer.stop();
        long before = count();
        fillTo(LEDGER_SIZE);
        long started = System.nanoTime();
        sealer.start();
        awaitSealed();
        double seconds = (System.nanoTime() - started) / 1e9;
        say("sealing caught up with %d new events in %.1f s: %.0f events/s", count() - before, seconds,
                (count() - before) / seconds);
        for (int run = 0; run < 3; run++) {
            verifyTimed();
        }
    }

    private double appendWithoutSealer() throws Exception {
        sealer.stop();
        double rate = appendConcurrently(APPENDS_PER_ROUND);
        sealer.start();
        awaitSealed();
        return rate;
    }

    private double appendWithSealer() throws Exception {
        double rate = appendConcurrently(APPENDS_PER_ROUND);
        awaitSealed();
        return rate;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void verifyTimed() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0, 5, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        Verification verification = verifier.verify(null);
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.shutdown();
        sampler.awaitTermination(1, TimeUnit.SECONDS);
        assertThat(verification.verified()).as(verification.toString()).isTrue();
        long stored = jdbc.queryForObject("select pg_table_size('domain_event_entry')", Long.class);
        say("verify: %d events (event table %d MB) in %.2f s = %.0f events/s; heap %d MB before, peak %d MB during, "
                        + "limit %d MB", verification.eventsChecked(), stored >> 20, seconds,
                verification.eventsChecked() / seconds, baseline >> 20, peak.get() >> 20,
                memory.getHeapMemoryUsage().getMax() >> 20);
    }

    /** Concurrent writers, each event its own transaction and a new aggregate, like a command each; returns events/s. */
    private double appendConcurrently(int total) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < total / WRITERS; i++) {
                    eventStore.publish(event(plan(), 0));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        writers.shutdown();
        return total / seconds;
    }

    /** Appends plans of 20 events, 1,000 events per transaction, until the store holds {@code size} events. */
    private void fillTo(long size) {
        long missing = size - count();
        List<EventMessage<?>> batch = new ArrayList<>();
        String plan = plan();
        for (long i = 0; i < missing; i++) {
            int seq = (int) (i % 20);
            if (seq == 0) {
                plan = plan();
            }
            batch.add(event(plan, seq));
            if (batch.size() == 1_000) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
        }
    }

    private void awaitSealed() {
        long last = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("select coalesce(max(global_index), 0) from ledger_chain", Long.class) >= last);
    }

    private long count() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private static String plan() {
        return "bench-" + UUID.randomUUID();
    }

    private static GenericDomainEventMessage<?> event(String plan, int seq) {
        MetaData metaData = MetaData.from(Map.of(LedgerMetaData.ACTOR_USER, "admin", LedgerMetaData.ACTOR_AGENCY, "",
                LedgerMetaData.ACTOR_ROLE, "PLAN_ADMIN", LedgerMetaData.REASON, "giao nhiệm vụ",
                LedgerMetaData.EFFECTIVE_ON, "2024-01-02", LedgerMetaData.BASIS_NUMBER, "2880/QĐ-UBND",
                LedgerMetaData.REQUEST_ID, UUID.randomUUID().toString(), LedgerMetaData.CORRELATION_ID,
                UUID.randomUUID().toString(), "traceId", UUID.randomUUID().toString()));
        Object payload = seq == 0
                ? new PlanCreated(plan, "Kế hoạch cải cách hành chính năm 2024 của tỉnh Sơn La", 2024,
                        new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)))
                : new ActivityAddedToPlan(plan, "I." + seq, plan + "/I." + seq);
        return new GenericDomainEventMessage<>("Plan", plan, seq, payload, metaData);
    }

    private void say(String format, Object... args) throws IOException {
        String line = String.format(format, args);
        System.out.println("BENCHMARK " + line);
        Files.writeString(report, line + System.lineSeparator(), StandardOpenOption.APPEND);
    }
}
