package org.planledger.command.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The store generator's storage engine: Axon's own JDBC engine (the command side's, with its serializer and schema)
 * behind a per-thread buffer for the aggregates of one new plan. While a thread works on a plan that no one else
 * knows yet (its plan and its activities, created in this run), the events its commands decide are kept in memory
 * in the order they were appended, and loading one of those aggregates reads them from there: no round trip per
 * command. {@link #flush()} then hands all of them, and any snapshot taken meanwhile, to the JDBC engine in one
 * call (one JDBC batch) inside the caller's transaction. Everything else (other aggregates, the event stream of
 * tracking processors, tokens) goes to the JDBC engine as usual.
 */
final class PlanChunks implements EventStorageEngine {

    /** Wraps the context's storage engine bean in this buffer. */
    static final class Wrapping implements BeanPostProcessor {

        private PlanChunks chunks;

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof EventStorageEngine engine && !(bean instanceof PlanChunks)) {
                chunks = new PlanChunks(engine);
                return chunks;
            }
            return bean;
        }

        PlanChunks chunks() {
            if (chunks == null) {
                throw new IllegalStateException("the command side declared no event storage engine");
            }
            return chunks;
        }
    }

    private static final class Chunk {
        final String planId;
        final List<DomainEventMessage<?>> events = new ArrayList<>();
        final Map<String, List<DomainEventMessage<?>>> byAggregate = new HashMap<>();
        final Map<String, DomainEventMessage<?>> snapshots = new HashMap<>();

        Chunk(String planId) {
            this.planId = planId;
        }

        boolean holds(String aggregateId) {
            return aggregateId.equals(planId) || aggregateId.startsWith(planId + "/");
        }
    }

    private final EventStorageEngine jdbc;
    private final ThreadLocal<Chunk> current = new ThreadLocal<>();

    private PlanChunks(EventStorageEngine jdbc) {
        this.jdbc = jdbc;
    }

    /** From now on, on this thread, the aggregates of {@code planId} (a plan id not stored yet) live in memory. */
    void begin(String planId) {
        current.set(new Chunk(planId));
    }

    /** Stores this thread's buffered events and snapshots through the JDBC engine; returns how many events. */
    int flush() {
        Chunk chunk = current.get();
        current.remove();
        if (chunk == null || chunk.events.isEmpty()) {
            return 0;
        }
        jdbc.appendEvents(chunk.events);
        chunk.snapshots.values().forEach(jdbc::storeSnapshot);
        return chunk.events.size();
    }

    /** Drops this thread's buffer (its transaction failed). */
    void discard() {
        current.remove();
    }

    private Chunk chunkOf(String aggregateId) {
        Chunk chunk = current.get();
        return chunk != null && chunk.holds(aggregateId) ? chunk : null;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Chunk chunk = current.get();
        if (chunk == null) {
            jdbc.appendEvents(events);
            return;
        }
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain) || !chunk.holds(domain.getAggregateIdentifier())) {
                throw new IllegalStateException("a plan's chunk received an event of another aggregate: " + event);
            }
            chunk.events.add(domain);
            chunk.byAggregate.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>()).add(domain);
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        Chunk chunk = chunkOf(snapshot.getAggregateIdentifier());
        if (chunk == null) {
            jdbc.storeSnapshot(snapshot);
        } else {
            chunk.snapshots.put(snapshot.getAggregateIdentifier(), snapshot);
        }
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return jdbc.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        Chunk chunk = chunkOf(aggregateIdentifier);
        if (chunk == null) {
            return jdbc.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
        return DomainEventStream.of(chunk.byAggregate.getOrDefault(aggregateIdentifier, List.of()).stream()
                .filter(e -> e.getSequenceNumber() >= firstSequenceNumber).toList());
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Chunk chunk = chunkOf(aggregateIdentifier);
        return chunk == null ? jdbc.readSnapshot(aggregateIdentifier)
                : Optional.ofNullable(chunk.snapshots.get(aggregateIdentifier));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Chunk chunk = chunkOf(aggregateIdentifier);
        if (chunk == null) {
            return jdbc.lastSequenceNumberFor(aggregateIdentifier);
        }
        List<DomainEventMessage<?>> events = chunk.byAggregate.get(aggregateIdentifier);
        return events == null ? Optional.empty() : Optional.of(events.get(events.size() - 1).getSequenceNumber());
    }

    @Override
    public TrackingToken createTailToken() {
        return jdbc.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return jdbc.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(java.time.Instant dateTime) {
        return jdbc.createTokenAt(dateTime);
    }
}
