package org.planledger.query.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where every streaming processor of the query side stands, segment by segment, as its tokens in the token store say
 * (so also for segments another instance has claimed): read from the token table without claiming anything.
 */
@Component
public class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final TokenSchema schema;
    private final Serializer serializer;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    ProcessorPositions(JdbcTemplate jdbc, TokenSchema schema, Serializer serializer,
            ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.serializer = serializer;
        this.processing = processing;
    }

    /**
     * One segment's token.
     *
     * @param position  the global index up to which the segment has handled the stream (the highest one seen), null
     *                  if it has no token yet
     * @param gaps      positions below it that it has not seen (empty, or events still to come)
     * @param replaying its token is a replay token (a reset is being, or was lately, replayed)
     * @param owner     the node holding the claim, null when unclaimed
     */
    public record Segment(String processor, int segment, Long position, SortedSet<Long> gaps, boolean replaying,
            String owner) {
    }

    /** A streaming processor of this service, and whether it runs here. */
    public record Processor(String name, boolean running, List<Segment> segments) {
    }

    /** Every streaming processor, with the segments of its tokens (ordered by name). */
    public List<Processor> processors() {
        EventProcessingConfiguration config = processing.getIfAvailable();
        if (config == null) {
            return List.of();
        }
        List<Processor> processors = new ArrayList<>();
        config.eventProcessors().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (entry.getValue() instanceof StreamingEventProcessor streaming) {
                processors.add(new Processor(entry.getKey(), streaming.isRunning(), segments(entry.getKey())));
            }
        });
        return processors;
    }

    /** The processor's status on this node, per segment it has claimed here (Axon's view). */
    public Map<Integer, EventTrackerStatus> localStatus(String processor) {
        EventProcessingConfiguration config = processing.getIfAvailable();
        Optional<EventProcessor> found = config == null ? Optional.empty() : config.eventProcessor(processor);
        return found.filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .map(StreamingEventProcessor::processingStatus).orElse(Map.of());
    }

    /** The event store's head: the highest global index stored. */
    public long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from " + EventStoreSchema.EVENT_TABLE,
                Long.class);
        return head == null ? 0 : head;
    }

    /** Stored events the segment has not handled yet: those above its position and those in its gaps. */
    public long behind(Segment segment) {
        if (segment.position() == null) {
            Long all = jdbc.queryForObject("select count(*) from " + EventStoreSchema.EVENT_TABLE, Long.class);
            return all == null ? 0 : all;
        }
        Long count = jdbc.queryForObject("select count(*) from " + EventStoreSchema.EVENT_TABLE
                        + " where global_index > ? or global_index = any (?)", Long.class,
                segment.position(), segment.gaps().toArray(Long[]::new));
        return count == null ? 0 : count;
    }

    /**
     * How far a segment is behind: the stored events it has not handled yet ({@link #behind}) and, in seconds, how long
     * the oldest of them has been stored (0 when none waits).
     */
    public record Lag(long events, double seconds) {
    }

    public Lag lag(Segment segment) {
        String waiting = segment.position() == null ? "true" : "global_index > ? or global_index = any (?)";
        Object[] arguments = segment.position() == null ? new Object[0]
                : new Object[] {segment.position(), segment.gaps().toArray(Long[]::new)};
        return jdbc.queryForObject("select count(*), coalesce(extract(epoch from clock_timestamp() - min("
                        + "time_stamp::timestamptz)), 0) from " + EventStoreSchema.EVENT_TABLE + " where " + waiting,
                (rs, i) -> new Lag(rs.getLong(1), Math.max(0, Math.round(rs.getDouble(2) * 10) / 10.0)), arguments);
    }

    /** Whether the segment has handled every stored event up to {@code position} (none left in a gap below it). */
    public boolean reached(Segment segment, long position) {
        if (position <= 0) {
            return true; // global indexes start at 1: an empty store has no event to account for
        }
        if (segment.position() == null || segment.position() < position) {
            return false;
        }
        Long[] gapsBelow = segment.gaps().headSet(position + 1).toArray(Long[]::new);
        if (gapsBelow.length == 0) {
            return true;
        }
        Long stored = jdbc.queryForObject("select count(*) from " + EventStoreSchema.EVENT_TABLE
                + " where global_index = any (?)", Long.class, (Object) gapsBelow);
        return stored == null || stored == 0;
    }

    /**
     * The failed event's own global index. (Its token's position is the highest index seen: for an event that filled
     * a gap left by a slower writer, that of a later event.)
     */
    public Long globalIndexOf(ProcessorFailures.Failure failure) {
        List<Long> found = jdbc.queryForList("select global_index from " + EventStoreSchema.EVENT_TABLE
                + " where event_identifier = ?", Long.class, failure.eventIdentifier());
        return found.isEmpty() ? failure.tokenPosition() : found.get(0);
    }

    private List<Segment> segments(String processor) {
        return jdbc.query("select " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", "
                        + schema.tokenTypeColumn() + ", " + schema.ownerColumn() + " from " + schema.tokenTable()
                        + " where " + schema.processorNameColumn() + " = ? order by " + schema.segmentColumn(),
                (rs, row) -> segment(processor, rs.getInt(1), rs.getBytes(2), rs.getString(3), rs.getString(4)),
                processor);
    }

    private Segment segment(String processor, int segment, byte[] bytes, String type, String owner) {
        TrackingToken token = bytes == null || type == null ? null
                : serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
        if (token == null) {
            return new Segment(processor, segment, null, new java.util.TreeSet<>(), false, owner);
        }
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        Long position = lower == null || lower.position().isEmpty() ? null : lower.position().getAsLong();
        SortedSet<Long> gaps = lower instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps()
                : new java.util.TreeSet<>();
        return new Segment(processor, segment, position, gaps, token instanceof ReplayToken, owner);
    }
}
