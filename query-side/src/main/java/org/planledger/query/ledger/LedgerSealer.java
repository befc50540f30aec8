package org.planledger.query.ledger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.planledger.query.ledger.StoredEventRows.Row;
import org.planledger.query.support.OpenWriters;
import org.planledger.query.support.WakesOnAppend;
import org.planledger.shared.ledger.LedgerHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the hash chain ({@code ledger_chain}) behind the event store, strictly in {@code global_index} order, on its
 * own thread: appends never wait for it.
 * <p>
 * PostgreSQL hands out positions before transactions commit, so a position below the newest visible event may be
 * empty because its transaction rolled back (the gap stays forever) or because it is still open (the event will
 * appear). Sealing past the second kind would later make a real event look inserted. A position is therefore passed
 * over only once no transaction that could still fill it is open ({@link OpenWriters}, the rule the processors'
 * storage engine follows too), checked before the events are read, so a holder that commits in between is seen.
 * <p>
 * It seals when woken by a notification of appended events ({@link WakesOnAppend}), and otherwise every
 * {@code seal-interval}, the fallback.
 * <p>
 * One sealer works at a time across instances (a transaction-level advisory lock); the chain's primary key refuses
 * a second record for a position in any case.
 */
@Component
class LedgerSealer implements SmartLifecycle, WakesOnAppend {

    private static final Logger log = LoggerFactory.getLogger(LedgerSealer.class);
    /** Advisory lock key of the sealer ("ledger" in ASCII). */
    static final long LOCK = 0x6c6564676572L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LedgerSettings settings;
    /** Start of each empty range of positions seen after the sealed head, and when it was first seen. */
    private final NavigableMap<Long, Instant> gapsSeenAt = new TreeMap<>();
    private volatile ScheduledExecutorService executor;
    /** When this instance last held the sealer's lock, and the last failure of a round (for health). */
    private volatile Instant lockedHereAt;
    private volatile String lastFailure;
    /** A woken round is queued and has not begun: further wake-ups join it. */
    private final AtomicBoolean wakePending = new AtomicBoolean();

    LedgerSealer(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledger-sealer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sealWhatIsSafe, 0, settings.sealInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void eventsAppended() {
        ScheduledExecutorService running = executor;
        if (running == null || !wakePending.compareAndSet(false, true)) {
            return;
        }
        try {
            running.execute(() -> {
                wakePending.set(false);
                sealWhatIsSafe();
            });
        } catch (RejectedExecutionException e) {
            wakePending.set(false); // stopping: nothing to seal any more
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void sealWhatIsSafe() {
        try {
            while (sealBatch() == settings.sealBatch() && !Thread.currentThread().isInterrupted()) {
                // a full batch: more may be waiting, go on without resting
            }
            lastFailure = null;
        } catch (RuntimeException e) {
            lastFailure = e.getClass().getSimpleName();
            log.warn("sealing the ledger failed; trying again in {}", settings.sealInterval(), e);
        }
    }

    /** Seals what is safe of the next batch of events in one transaction; returns how many events it sealed. */
    int sealBatch() {
        Integer sealed = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return 0;
            }
            lockedHereAt = Instant.now();
            // before reading the events: a holder that commits after this check is visible to the read below
            OpenWriters writers = OpenWriters.now(jdbc);
            ChainHead head = ChainHead.of(jdbc);
            List<Row> rows = jdbc.query(StoredEventRows.SELECT + " where global_index > ? order by global_index limit ?",
                    (rs, i) -> StoredEventRows.map(rs), head.position(), settings.sealBatch());
            Instant now = jdbc.queryForObject("select clock_timestamp()", OffsetDateTime.class).toInstant();

            List<Object[]> links = new ArrayList<>();
            long next = head.position() + 1;
            byte[] chain = head.hash();
            for (Row row : rows) {
                if (row.position() > next && !gapIsFinal(next, writers, now)) {
                    break;
                }
                byte[] eventHash = LedgerHash.eventHash(row.event());
                chain = LedgerHash.chain(chain, eventHash);
                links.add(new Object[] {row.position(), row.event().aggregateIdentifier(), row.event().sequenceNumber(),
                        eventHash, chain});
                next = row.position() + 1;
            }
            gapsSeenAt.headMap(next).clear();
            if (!links.isEmpty()) {
                jdbc.batchUpdate("""
                        insert into ledger_chain (global_index, aggregate_identifier, sequence_number, event_hash, chain_hash)
                        values (?, ?, ?, ?, ?)""", links);
            }
            return links.size();
        });
        return sealed == null ? 0 : sealed;
    }

    private boolean gapIsFinal(long start, OpenWriters writers, Instant now) {
        Instant seen = gapsSeenAt.get(start);
        if (seen == null) {
            gapsSeenAt.put(start, now);
            return false;
        }
        return writers.isFinal(seen);
    }

    /** When this instance last held the sealer's lock (null: never), for the health of the ledger. */
    Instant lockedHereAt() {
        return lockedHereAt;
    }

    /** Why the last sealing round failed (null when it did not), for the health of the ledger. */
    String lastFailure() {
        return lastFailure;
    }

    @Override
    public String toString() {
        return "LedgerSealer" + (isRunning() ? " (running)" : "");
    }
}
