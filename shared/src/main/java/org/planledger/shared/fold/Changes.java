package org.planledger.shared.fold;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.fold.ActivityState.Assignment;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.NoticeState;
import org.planledger.shared.fold.ActivityState.ReportState;

/**
 * What an event changed, field by field, before → after, read from the states of the one fold (so every event type,
 * present or future, reads as the difference it made). Agencies are shown by name, as recorded in the events.
 */
public final class Changes {

    private Changes() {
    }

    /**
     * The fields that differ between the activity's state before an event and after it.
     *
     * @param before null for the activity's first event
     */
    public static List<FieldChange> between(ActivityState before, ActivityState after) {
        List<FieldChange> changes = new ArrayList<>();
        field(changes, "code", before, after, ActivityState::code);
        field(changes, "section", before, after, ActivityState::section);
        field(changes, "title", before, after, ActivityState::title);
        field(changes, "products", before, after, s -> String.join("; ", s.products()));
        field(changes, "timeline", before, after, ActivityState::timeline);
        field(changes, "notes", before, after, ActivityState::notes);
        assignment(changes, before == null ? null : before.assignment(), after.assignment());
        for (MilestoneState m : after.milestones()) {
            milestone(changes, before == null ? null : before.milestone(m.id()).orElse(null), m);
        }
        if (before != null) {
            for (MilestoneState m : after.withdrawnMilestones()) {
                if (before.withdrawnMilestones().stream().noneMatch(w -> w.id().equals(m.id()))) {
                    add(changes, "milestones." + m.id() + ".status", m.completed() ? "COMPLETED" : "OPEN", "WITHDRAWN");
                }
            }
        }
        for (ReportState r : after.reports()) {
            ReportState was = before == null ? null : before.report(r.reportId()).orElse(null);
            if (was == null) {
                report(changes, r);
            } else {
                review(changes, was, r);
            }
        }
        for (NoticeState n : after.notices().subList(before == null ? 0 : before.notices().size(), after.notices().size())) {
            notice(changes, n);
        }
        field(changes, "status", before, after, s -> s.status().name());
        return changes;
    }

    /** The change a plan event made to the plan. */
    public static List<FieldChange> of(PlanEvent event) {
        return event.accept(new PlanEvent.Visitor<>() {
            @Override
            public List<FieldChange> on(PlanCreated e) {
                List<FieldChange> changes = new ArrayList<>();
                add(changes, "title", null, e.title());
                add(changes, "year", null, String.valueOf(e.year()));
                add(changes, "decision", null, document(e.decision()));
                return changes;
            }

            @Override
            public List<FieldChange> on(ActivityAddedToPlan e) {
                List<FieldChange> changes = new ArrayList<>();
                add(changes, "activities." + e.code(), null, e.activityId());
                return changes;
            }

            @Override
            public List<FieldChange> on(AmendmentDecided e) {
                List<FieldChange> changes = new ArrayList<>();
                add(changes, "decisions." + e.decision().number(), null, document(e.decision()) + ": " + e.summary());
                for (int i = 0; i < e.changes().size(); i++) {
                    AmendmentDecided.Line line = e.changes().get(i);
                    add(changes, "decisions." + e.decision().number() + ".changes[" + i + "]", null,
                            line.kind() + " " + line.code() + (line.milestoneId() == null ? "" : " " + line.milestoneId())
                                    + ": " + line.what());
                }
                return changes;
            }
        });
    }

    private static void assignment(List<FieldChange> changes, Assignment before, Assignment after) {
        if (Objects.equals(before, after) || after == null) {
            return;
        }
        if (before == null || !before.lead().id().equals(after.lead().id())) {
            add(changes, "lead", before == null ? null : before.lead().name(), after.lead().name());
        }
        List<AgencyRef> jointBefore = before == null ? List.of() : before.jointLeads();
        if (!ids(jointBefore).equals(ids(after.jointLeads()))) {
            add(changes, "jointLeads", jointBefore.isEmpty() ? null : names(jointBefore), names(after.jointLeads()));
        }
        List<AgencyRef> coordinatorsBefore = before == null ? List.of() : before.coordinators();
        if (!ids(coordinatorsBefore).equals(ids(after.coordinators()))) {
            add(changes, "coordinators", before == null ? null : names(coordinatorsBefore), names(after.coordinators()));
        }
    }

    private static void milestone(List<FieldChange> changes, MilestoneState before, MilestoneState after) {
        String m = "milestones." + after.id();
        field(changes, m + ".product", before, after, MilestoneState::product);
        field(changes, m + ".printed", before, after, MilestoneState::printed);
        field(changes, m + ".due", before, after, s -> text(s.due()));
        if (before != null) {
            field(changes, m + ".originalDue", before, after, s -> text(s.originalDue()));
        }
        field(changes, m + ".triggeredOn", before, after, s -> text(s.triggeredOn()));
        if (before != null) {
            field(changes, m + ".status", before, after, s -> s.completed() ? "COMPLETED" : "OPEN");
        }
        field(changes, m + ".completedOn", before, after, s -> text(s.completedOn()));
        field(changes, m + ".completedOnTime", before, after, s -> text(s.completedOnTime()));
    }

    private static void report(List<FieldChange> changes, ReportState r) {
        String prefix = "reports." + r.reportId();
        add(changes, prefix + ".agency", null, r.agency().name());
        add(changes, prefix + (r.milestoneId() != null ? ".milestone" : ".period"), null,
                r.milestoneId() != null ? r.milestoneId() : r.period());
        add(changes, prefix + ".summary", null, r.summary());
        add(changes, prefix + ".documentNumber", null, r.documentNumber());
        add(changes, prefix + ".sentOn", null, text(r.sentOn()));
        add(changes, prefix + ".dueInForce", null, text(r.dueInForce()));
        add(changes, prefix + ".onTime", null, String.valueOf(r.onTime()));
        add(changes, prefix + ".answers", null, r.answers());
    }

    private static void notice(List<FieldChange> changes, NoticeState n) {
        String prefix = "notices." + n.documentNumber();
        add(changes, prefix + ".agency", null, n.agency().name());
        add(changes, prefix + ".sentOn", null, text(n.sentOn()));
        add(changes, prefix + ".milestones", null, n.milestones().stream()
                .map(m -> m.milestoneId() + " (" + (m.dueInForce() == null ? "no due date" : "due " + m.dueInForce())
                        + (m.overdue() ? ", overdue" : "") + ")")
                .collect(Collectors.joining("; ")));
    }

    private static void review(List<FieldChange> changes, ReportState before, ReportState after) {
        String prefix = "reports." + after.reportId();
        field(changes, prefix + ".review", before, after, ReportState::reviewState);
        field(changes, prefix + ".reviewReason", before, after, ReportState::reviewReason);
        field(changes, prefix + ".reviewedOn", before, after, s -> text(s.reviewedOn()));
    }

    private static <T> void field(List<FieldChange> changes, String field, T before, T after, Function<T, String> value) {
        String was = before == null ? null : value.apply(before);
        String is = value.apply(after);
        if (!Objects.equals(was, is)) {
            add(changes, field, was, is);
        }
    }

    private static void add(List<FieldChange> changes, String field, String before, String after) {
        if (before == null && (after == null || after.isEmpty())) {
            return;
        }
        changes.add(new FieldChange(field, before, after));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String document(DocumentRef ref) {
        if (ref == null || !ref.isPresent()) {
            return null;
        }
        return ref.date() == null ? ref.number() : ref.number() + " (" + ref.date() + ")";
    }

    private static List<String> ids(List<AgencyRef> refs) {
        return refs.stream().map(AgencyRef::id).toList();
    }

    private static String names(List<AgencyRef> refs) {
        return refs.isEmpty() ? "(none)" : refs.stream().map(AgencyRef::name).collect(Collectors.joining("; "));
    }
}
