package org.planledger.query.console;

import java.time.Duration;
import java.util.List;
import org.planledger.query.processing.ProcessorPositions;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After a write: waits, for a short bound, until the read models the pages read have handled the event the command
 * side just stored, so the page shown next has the change. It watches the event's position (global index) against the
 * processors' committed tokens, rather than sleeping a guessed time.
 */
@Component
class ReadModelWait {

    /** What the activity page reads: the plan, its history and the audit trail. */
    static final List<String> PROCESSORS = List.of("plan", "plan_history", "audit_entry");

    private final JdbcTemplate jdbc;
    private final ProcessorPositions positions;
    private final Duration bound;

    ReadModelWait(JdbcTemplate jdbc, ProcessorPositions positions,
            @Value("${planledger.console.read-model-wait:5s}") Duration bound) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.bound = bound;
    }

    /** @return true once every processor reached the activity's event of that version; false when the bound passed */
    boolean untilShown(String planId, String code, long version) {
        Long position = jdbc.queryForObject("select max(global_index) from " + EventStoreSchema.EVENT_TABLE
                + " where aggregate_identifier = ? and sequence_number <= ?", Long.class,
                ActivityId.of(planId, code), version);
        if (position == null) {
            return false;
        }
        return until(position);
    }

    /** @return true once every processor reached the last event stored now; false when the bound passed */
    boolean untilCaughtUp() {
        Long position = jdbc.queryForObject("select max(global_index) from " + EventStoreSchema.EVENT_TABLE, Long.class);
        return position != null && until(position);
    }

    private boolean until(long position) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (reached(position)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private boolean reached(long position) {
        List<ProcessorPositions.Processor> watched = positions.processors().stream()
                .filter(p -> PROCESSORS.contains(p.name())).toList();
        return watched.size() == PROCESSORS.size() && watched.stream().allMatch(p -> !p.segments().isEmpty()
                && p.segments().stream().allMatch(s -> positions.reached(s, position)));
    }
}
