package org.planledger.query.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Whether every read model has accounted for every event up to the sealed position.
 *
 * @param complete    every processor is at or past the position, every event has exactly one audit entry (none
 *                    extra), and the point-in-time model at asOf = now equals the current plan for every activity
 * @param position    the sealed position the read models are checked against
 * @param processors  each processor's segments and whether they have handled every event up to the position
 * @param auditTrail  the audit trail against the event store
 * @param pointInTime the point-in-time model at asOf = now against the current plan
 * @param workload    the workload's counts the plan projection keeps against a recount of the current plan
 * @param firstLack   the first thing found missing or different (processors first, then the audit trail, then the
 *                    point-in-time model, then the workload), or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ReadModels(boolean complete, long position, List<ProcessorCheck> processors, AuditCheck auditTrail,
        PointInTimeCheck pointInTime, WorkloadCheck workload, Lack firstLack) {

    /** These checks with the workload's: complete when both are, the workload's lack coming last. */
    ReadModels withWorkload(WorkloadCheck check) {
        Lack first = firstLack != null ? firstLack : check.lack();
        return new ReadModels(complete && check.complete(), position, processors, auditTrail, pointInTime, check, first);
    }

    enum State {
        @Schema(description = "has handled every event up to the position")
        AT_POSITION,
        @Schema(description = "runs here but has not reached the position within the wait")
        LAGGING,
        @Schema(description = "stuck on an event it cannot handle (retrying); the event is named")
        FAILING,
        @Schema(description = "not running on this node and not at the position")
        STOPPED,
        @Schema(description = "has no token yet: it has handled nothing")
        NO_TOKEN
    }

    /**
     * @param position   the global index up to which the segment has handled the stream (null: nothing yet)
     * @param rebuilding a rebuild of its read model is under way: queries read the previous generation meanwhile (the
     *     current plan, rebuilt in place, and a read model built for the first time answer 503 READ_MODEL_REBUILDING)
     */
    record ProcessorCheck(String processor, int segment, Long position, State state, boolean rebuilding) {
    }

    /**
     * @param checked       what was compared
     * @param eventsChecked stored events up to the position
     * @param missing       events without an audit entry in the live generation
     * @param duplicated    events with more than one
     * @param extra         entries claiming a position up to the sealed one where no such event is stored
     */
    record AuditCheck(String checked, boolean complete, long eventsChecked, long missing, long duplicated, long extra,
            Lack lack) {
    }

    /**
     * @param activitiesChecked             activities compared (those without an event after the position)
     * @param activitiesChangedAfterPosition activities left out because an event after the position changed them
     * @param mismatched                    activities whose checksums differ (or that one side lacks)
     */
    record PointInTimeCheck(String checked, boolean complete, long activitiesChecked, long activitiesChangedAfterPosition,
            long mismatched, Lack lack) {
    }

    /**
     * @param countsChecked counts compared: each agency's activities per role, status and direct or through a group,
     *                      and each lead agency's open milestones per due date, in every plan
     * @param differing     counts kept that differ from the recount (a count that one side lacks counts as 0 there)
     */
    record WorkloadCheck(String checked, boolean complete, long countsChecked, long differing, Lack lack) {
    }

    /**
     * What a read model lacks.
     *
     * @param model               the read model (processing group) found lacking
     * @param position            the global position of the event it lacks (or of the entry it has in excess)
     * @param eventType           that event's stored type
     * @param aggregateIdentifier its aggregate
     * @param sequenceNumber      its sequence number
     * @param activityId          for the point-in-time comparison: the activity that differs
     * @param field               for the point-in-time comparison: the field that differs, e.g. milestones.m1.due
     * @param currentPlan         that field in the current plan
     * @param pointInTime         that field in the point-in-time model at asOf = now
     * @param kept                for the workload: the count the plan projection keeps (currentPlan: the recount)
     * @param detail              what is wrong, in words
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Lack(String model, Long position, String eventType, String aggregateIdentifier, Long sequenceNumber,
            String activityId, String field, String currentPlan, String pointInTime, String kept, String detail) {

        static Lack ofEvent(String model, Long position, String eventType, String aggregate, Long sequence, String detail) {
            return new Lack(model, position, eventType, aggregate, sequence, null, null, null, null, null, detail);
        }
    }
}
