package org.planledger.query.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's JDBC storage engine with one rule changed: when a tracking processor may stop waiting for an empty global
 * position (a gap) below the events it has read.
 * <p>
 * Axon's rule ({@code JdbcEventStorageEngine#getTrackedEventData} and {@code #cleanGaps}, 4.13): reading an event
 * whose stored {@code time_stamp} is older than now − {@code gapTimeout} (60 s) drops every gap below it at once, and
 * so does the clean-up of a token with more than 250 gaps for each gap whose next event is that old. The stored time
 * is when the event was created in the appending process, not when it committed, so a transaction open longer than
 * the timeout (a large import, a slow commit, a paused process) while others commit above it, a processor that
 * catches up or replays past such a transaction, or any event stored with a past time, makes every processor pass
 * over the held events for good, silently.
 * <p>
 * Here a gap is kept until the database says no transaction that could fill it is still open ({@link OpenWriters},
 * the rule the ledger's sealer uses): a gap is noted when first seen, and given up (the position stays empty for
 * good: its append rolled back) only when every writing transaction open at a check made before a read began after
 * that moment, and that read did not bring the event. No clock of this process and no stored timestamp enter the
 * rule, and gaps are never dropped for their distance from the newest event either. A transaction held open keeps
 * its gap, and every gap seen after it began, in the tokens until it ends; a rolled-back append's gap goes within a
 * read or two.
 * <p>
 * And a stream that may block (the one the event store's producer reads for every processor at the head) ends after
 * one batch of events: see {@link #readEventData(TrackingToken, boolean)}.
 */
final class GapSafeEventStorageEngine extends JdbcEventStorageEngine {

    /** Gaps remembered (first seen, or found final) across reads; the oldest are forgotten past this many. */
    private static final int REMEMBERED = 100_000;

    private final EventSchema schema;
    private final JdbcTemplate jdbc;
    /** When each gap was first seen (the database's clock), shared by every processor reading through this engine. */
    private final Map<Long, Instant> seenAt = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** Gaps found final: their positions stay empty for good. */
    private final Set<Long> finalGaps = java.util.Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    GapSafeEventStorageEngine(Builder builder, EventSchema schema, JdbcTemplate jdbc) {
        // Axon's clean-up of old gaps goes by stored timestamps: never let it run (this engine drops final gaps)
        super(builder.gapCleaningThreshold(Integer.MAX_VALUE).schema(schema));
        this.schema = schema;
        this.jdbc = jdbc;
    }

    /**
     * A stream that may block ends after one batch ({@link #batchSize()} events), and Axon's producer opens the next
     * one from where it stopped, at once; a stream that may not block (a processor catching up or replaying on its
     * own) reads on until the head, as Axon's does.
     * <p>
     * Why: the producer of {@code EmbeddedEventStore} (4.13, {@code EventProducer#fetchData}) holds the node that was
     * newest when it opened its stream for as long as it reads it, and reads it for as long as each fetch brings
     * events. Under a steady flow of appends that is for good, and every event read since (with its payload and
     * token) stays reachable from that node, past the cache's bound of 10,000 events: 400,000 events appended in
     * 90 s filled a 384 MB heap with 162,000 of them and stopped every processor with {@code OutOfMemoryError}.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventData<?>> events = super.readEventData(trackingToken, mayBlock);
        return mayBlock ? events.limit(batchSize()) : events;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        SortedSet<Long> gaps = lastToken == null ? new TreeSet<>() : ((GapAwareTrackingToken) lastToken).getGaps();
        // before the read: a holder that commits after this check is seen by the read below
        Set<Long> finalBeforeRead = finalAmong(gaps);
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        if (events.isEmpty()) {
            return events;
        }
        Set<Long> read = new HashSet<>();
        events.forEach(e -> read.add(((GapAwareTrackingToken) e.trackingToken()).getIndex()));
        GapAwareTrackingToken last = (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
        Set<Long> emptyForGood = new HashSet<>(finalBeforeRead);
        emptyForGood.removeAll(read);
        synchronized (seenAt) {
            read.forEach(seenAt::remove);
            emptyForGood.forEach(seenAt::remove);
            finalGaps.addAll(emptyForGood);
        }
        noteSeen(last.getGaps());
        if (emptyForGood.isEmpty()) {
            return events;
        }
        List<TrackedEventData<?>> withoutFinalGaps = new ArrayList<>(events.size());
        for (TrackedEventData<?> e : events) {
            withoutFinalGaps.add(retokened((GapAwareTrackingToken) e.trackingToken(), (DomainEventData<?>) e, emptyForGood));
        }
        return withoutFinalGaps;
    }

    /**
     * The token of each event read, as Axon computes it when it allows gaps (every gap below kept, however far), and
     * never from the event's stored timestamp.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        long index = resultSet.getLong(schema.globalIndexColumn());
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(index, LongStream.range(1, index).boxed().toList())
                : previousToken.advanceTo(index, Integer.MAX_VALUE);
        return tracked(token, (DomainEventData<?>) read);
    }

    private Set<Long> finalAmong(SortedSet<Long> gaps) {
        if (gaps.isEmpty()) {
            return Set.of();
        }
        Set<Long> found = new HashSet<>();
        Map<Long, Instant> pending = new LinkedHashMap<>();
        synchronized (seenAt) {
            for (Long gap : gaps) {
                if (finalGaps.contains(gap)) {
                    found.add(gap);
                } else if (seenAt.containsKey(gap)) {
                    pending.put(gap, seenAt.get(gap));
                }
            }
        }
        if (!pending.isEmpty()) {
            OpenWriters writers = OpenWriters.now(jdbc);
            pending.forEach((gap, seen) -> {
                if (writers.isFinal(seen)) {
                    found.add(gap);
                }
            });
        }
        return found;
    }

    /** Notes when gaps not known yet were first seen, by the database's clock, after the read that showed them. */
    private void noteSeen(SortedSet<Long> gaps) {
        boolean unknown;
        synchronized (seenAt) {
            unknown = gaps.stream().anyMatch(g -> !seenAt.containsKey(g) && !finalGaps.contains(g));
        }
        if (!unknown) {
            return;
        }
        Instant now = OpenWriters.now(jdbc).now();
        synchronized (seenAt) {
            gaps.forEach(g -> {
                if (!finalGaps.contains(g)) {
                    seenAt.putIfAbsent(g, now);
                }
            });
        }
    }

    private static TrackedEventData<?> retokened(GapAwareTrackingToken token, DomainEventData<?> event, Set<Long> drop) {
        if (token.getGaps().stream().noneMatch(drop::contains)) {
            return (TrackedEventData<?>) event;
        }
        List<Long> kept = token.getGaps().stream().filter(g -> !drop.contains(g)).toList();
        return tracked(GapAwareTrackingToken.newInstance(token.getIndex(), kept), event);
    }

    private static <T> TrackedEventData<T> tracked(TrackingToken token, DomainEventData<T> event) {
        return new TrackedDomainEventData<>(token, event);
    }
}
