package org.planledger.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.fold.ActivityFold;
import org.planledger.shared.fold.ActivityState;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Where one projection keeps the state of each activity as the one fold ({@link ActivityFold}) made it, in its own
 * table ({@code <group>_fold_state}, a generation per rebuild). A projection asks for the step an event makes
 * (the state before and after it); states are read once per batch of events and written back once, when the batch
 * commits, in the same transaction as the projection's rows and its tracking token.
 */
public final class FoldStates {

    /**
     * What an event did to an activity, as this projection has it.
     *
     * @param before         the state before; null for the activity's first event
     * @param after          the state after
     * @param recordedAt     when it counts as recorded: its timestamp, never earlier than the activity's previous event
     * @param activityInForce the date the activity itself is in force from (its first step fixes it)
     */
    public record Step(ActivityState before, ActivityState after, Instant recordedAt, LocalDate activityInForce) {
    }

    private record Stored(ActivityState state, Instant lastRecordedAt, LocalDate inForce) {
    }

    private final String table;
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public FoldStates(String table, NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.table = table;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The step {@code event} makes, or null when this projection already applied it (a redelivery).
     *
     * @param inForce for the activity's first event, the date it is in force from (ignored for the others)
     */
    public Step apply(int generation, ActivityEvent event, DomainEventMessage<?> message, LocalDate inForce) {
        Batch batch = batch(generation);
        Stored stored = batch.get(event.activityId());
        long seq = message.getSequenceNumber();
        if (stored != null && stored.state().version() >= seq) {
            return null;
        }
        ActivityState before = stored == null ? null : stored.state();
        ActivityState after = ActivityFold.apply(before, event, seq);
        Instant recordedAt = message.getTimestamp();
        if (stored != null && stored.lastRecordedAt().isAfter(recordedAt)) {
            recordedAt = stored.lastRecordedAt();
        }
        LocalDate activityInForce = stored == null ? inForce : stored.inForce();
        batch.put(event.activityId(), new Stored(after, recordedAt, activityInForce));
        return new Step(before, after, recordedAt, activityInForce);
    }

    /** The state this projection holds for an activity (outside any batch), or null. */
    public ActivityState current(int generation, String activityId) {
        Stored stored = load(generation, activityId);
        return stored == null ? null : stored.state();
    }

    private Batch batch(int generation) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a projection step runs inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(table + ":" + generation, key -> {
            Batch batch = new Batch(generation);
            batch.preload(aggregatesOf(unitOfWork));
            unitOfWork.onPrepareCommit(u -> batch.write());
            return batch;
        });
    }

    /**
     * The aggregates whose events the batch holds (read from the messages, without deserializing their payloads), so
     * that the states of a batch are read in one query rather than one per activity.
     */
    public static Set<String> aggregatesOf(UnitOfWork<?> unitOfWork) {
        Set<String> ids = new LinkedHashSet<>();
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(unitOfWork.getMessage());
        for (Message<?> message : messages) {
            if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                ids.add(domain.getAggregateIdentifier());
            }
        }
        return ids;
    }

    private Stored load(int generation, String activityId) {
        Map<String, Stored> found = load(generation, List.of(activityId));
        return found.get(activityId);
    }

    private Map<String, Stored> load(int generation, Collection<String> activityIds) {
        Map<String, Stored> found = new HashMap<>();
        if (activityIds.isEmpty()) {
            return found;
        }
        jdbc.query("select activity_id, state, last_recorded_at, in_force from " + table
                        + " where generation = :g and activity_id in (:ids)",
                new MapSqlParameterSource("g", generation).addValue("ids", activityIds), rs -> {
                    String id = rs.getString(1);
                    try {
                        found.put(id, new Stored(json.readValue(rs.getBytes(2), ActivityState.class),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, LocalDate.class)));
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable fold state of " + id + " in " + table, e);
                    }
                });
        return found;
    }

    /** The states read and changed by one batch of events. */
    private final class Batch {

        private final int generation;
        private final Map<String, Stored> states = new LinkedHashMap<>();
        private final Map<String, Stored> changed = new LinkedHashMap<>();

        Batch(int generation) {
            this.generation = generation;
        }

        /** Reads the states of these activities (those that have one) in one query. */
        void preload(Collection<String> activityIds) {
            Map<String, Stored> found = load(generation, activityIds);
            activityIds.forEach(id -> states.put(id, found.get(id)));
        }

        Stored get(String activityId) {
            if (states.containsKey(activityId)) {
                return states.get(activityId);
            }
            Stored stored = load(generation, activityId);
            states.put(activityId, stored);
            return stored;
        }

        void put(String activityId, Stored stored) {
            states.put(activityId, stored);
            changed.put(activityId, stored);
        }

        void write() {
            if (changed.isEmpty()) {
                return;
            }
            List<MapSqlParameterSource> rows = new ArrayList<>();
            changed.forEach((id, stored) -> {
                try {
                    rows.add(new MapSqlParameterSource("g", generation).addValue("id", id)
                            .addValue("version", stored.state().version())
                            .addValue("at", stored.lastRecordedAt().atOffset(ZoneOffset.UTC))
                            .addValue("inForce", stored.inForce())
                            .addValue("state", json.writeValueAsBytes(stored.state())));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot write the fold state of " + id, e);
                }
            });
            jdbc.batchUpdate("insert into " + table + " (generation, activity_id, version, last_recorded_at, in_force, state)"
                    + " values (:g, :id, :version, :at, :inForce, :state)"
                    + " on conflict (generation, activity_id) do update set version = excluded.version,"
                    + " last_recorded_at = excluded.last_recorded_at, in_force = excluded.in_force, state = excluded.state",
                    rows.toArray(MapSqlParameterSource[]::new));
            changed.clear();
        }
    }
}
