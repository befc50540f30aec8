package org.planledger.query.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.Agency;
import org.planledger.query.plan.PlanQueries.Milestone;

/**
 * Two states of one activity side by side (as of two entries of its timeline), field by field, as a page history
 * shows two revisions.
 *
 * @param field   a message key ({@code diff.lead}) or a milestone label
 * @param changed whether the two sides differ
 */
public record Difference(String field, String milestone, String before, String after, boolean changed) {

    /** {@code a} or {@code b} is null where the activity did not exist yet. */
    static List<Difference> between(ActivityView a, ActivityView b) {
        List<Difference> rows = new ArrayList<>();
        if (a == null || b == null) {
            ActivityView known = a == null ? b : a;
            if (known == null) {
                return rows;
            }
            ActivityView none = new ActivityView(known.code(), known.section(), null, null, null, null, null, List.of(),
                    List.of(), null, 0, List.of(), null, null, null);
            return between(a == null ? none : a, b == null ? none : b);
        }
        add(rows, "diff.title", null, a.title(), b.title());
        add(rows, "diff.status", null, a.status(), b.status());
        add(rows, "diff.lead", null, name(a.lead()), name(b.lead()));
        add(rows, "diff.jointLeads", null, names(a.jointLeads()), names(b.jointLeads()));
        add(rows, "diff.coordinators", null, names(a.coordinators()), names(b.coordinators()));
        add(rows, "diff.version", null, String.valueOf(a.version()), String.valueOf(b.version()));
        Map<String, Milestone> before = a.milestones().stream().collect(Collectors.toMap(Milestone::id, Function.identity()));
        for (Milestone m : b.milestones()) {
            Milestone old = before.get(m.id());
            add(rows, "diff.due", m.id(), old == null ? null : String.valueOf(old.due()), String.valueOf(m.due()));
            add(rows, "diff.milestoneStatus", m.id(), old == null ? null : old.status(), m.status());
        }
        return rows;
    }

    private static void add(List<Difference> rows, String field, String milestone, String before, String after) {
        rows.add(new Difference(field, milestone, before, after, !Objects.equals(before, after)));
    }

    private static String name(Agency agency) {
        return agency == null ? null : agency.name();
    }

    private static String names(List<Agency> agencies) {
        return agencies.stream().map(Agency::name).collect(Collectors.joining(", "));
    }
}
