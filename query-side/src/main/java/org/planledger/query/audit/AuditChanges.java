package org.planledger.query.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;

/**
 * The change an event made, field by field, before → after, read from the event alone (events carry their before
 * values where it matters: {@code previousDue}, {@code previousLead}, {@code previousCoordinators}). Agencies are
 * shown by name, as recorded in the event.
 */
final class AuditChanges {

    private AuditChanges() {
    }

    /** One field's change; {@code before} is null for a value set for the first time. */
    record FieldChange(String field, String before, String after) {

        String text() {
            return field + ": " + (before == null ? "—" : before) + " → " + (after == null ? "—" : after);
        }
    }

    /**
     * @param statusBefore the activity's status before the event, for events that change it (cancellation)
     */
    static List<FieldChange> of(Object event, String statusBefore) {
        List<FieldChange> changes = new ArrayList<>();
        if (event instanceof PlanCreated e) {
            add(changes, "title", null, e.title());
            add(changes, "year", null, String.valueOf(e.year()));
            add(changes, "decision", null, document(e.decision()));
        } else if (event instanceof ActivityAddedToPlan e) {
            add(changes, "activities." + e.code(), null, e.activityId());
        } else if (event instanceof ActivityRegistered e) {
            add(changes, "code", null, e.code());
            add(changes, "section", null, e.section());
            add(changes, "title", null, e.title());
            add(changes, "products", null, String.join("; ", e.products()));
            add(changes, "timeline", null, e.timeline());
            add(changes, "status", null, "OPEN");
        } else if (event instanceof MilestoneScheduled e) {
            String m = "milestones." + e.milestoneId();
            add(changes, m + ".product", null, e.product());
            add(changes, m + ".printed", null, e.printed());
            add(changes, m + ".due", null, e.due() == null ? null : e.due().toString());
        } else if (event instanceof ActivityAssigned e) {
            if (!Objects.equals(id(e.previousLead()), id(e.lead()))) {
                add(changes, "lead", name(e.previousLead()), name(e.lead()));
            }
            if (!ids(e.previousJointLeads()).equals(ids(e.jointLeads()))) {
                add(changes, "jointLeads", e.previousJointLeads().isEmpty() ? null : names(e.previousJointLeads()),
                        names(e.jointLeads()));
            }
            List<AgencyRef> before = e.previousCoordinators() == null ? List.of() : e.previousCoordinators();
            List<AgencyRef> after = e.coordinators() == null ? List.of() : e.coordinators();
            if (!ids(before).equals(ids(after))) {
                add(changes, "coordinators", before.isEmpty() && e.previousLead() == null ? null : names(before), names(after));
            }
        } else if (event instanceof DeadlineRescheduled e) {
            add(changes, "milestones." + e.milestoneId() + ".due",
                    e.previousDue() == null ? null : e.previousDue().toString(), e.newDue().toString());
        } else if (event instanceof ReportSubmitted e) {
            String r = "reports." + e.reportId();
            add(changes, r + ".agency", null, e.agency().name());
            add(changes, r + (e.milestoneId() != null ? ".milestone" : ".period"), null,
                    e.milestoneId() != null ? e.milestoneId() : e.period());
            add(changes, r + ".documentNumber", null, e.documentNumber());
            add(changes, r + ".sentOn", null, e.sentOn().toString());
            add(changes, r + ".onTime", null, String.valueOf(e.onTime()));
        } else if (event instanceof MilestoneCompleted e) {
            String m = "milestones." + e.milestoneId();
            add(changes, m + ".status", "OPEN", "COMPLETED");
            add(changes, m + ".completedOn", null, e.completedOn().toString());
            add(changes, m + ".completedOnTime", null, String.valueOf(e.onTime()));
        } else if (event instanceof ActivityCancelled e) {
            add(changes, "status", statusBefore, "CANCELLED");
        }
        return changes;
    }

    private static void add(List<FieldChange> changes, String field, String before, String after) {
        if (before == null && (after == null || after.isEmpty())) {
            return;
        }
        changes.add(new FieldChange(field, before, after));
    }

    private static String document(DocumentRef ref) {
        if (ref == null || !ref.isPresent()) {
            return null;
        }
        return ref.date() == null ? ref.number() : ref.number() + " (" + ref.date() + ")";
    }

    private static String id(AgencyRef ref) {
        return ref == null ? null : ref.id();
    }

    private static String name(AgencyRef ref) {
        return ref == null ? null : ref.name();
    }

    private static List<String> ids(List<AgencyRef> refs) {
        return refs.stream().map(AgencyRef::id).toList();
    }

    private static String names(List<AgencyRef> refs) {
        return refs.isEmpty() ? "(none)" : refs.stream().map(AgencyRef::name).collect(Collectors.joining("; "));
    }
}
