package org.planledger.query.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.query.console.ConsoleAdvice.Viewer;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.shared.access.Role;
import org.planledger.shared.agency.AgencyDirectory;

/**
 * The six changes the console offers (page 9): which command route each is relayed to, who is offered it, and the
 * fields it has (named as the command side's JSON, {@code basis.number} for a nested one). Offering is the console's
 * only decision: the command side checks role, agency and rules again on every write.
 */
enum ChangeForm {

    ASSIGN("/assignment", false, Set.of(Role.PLAN_ADMIN, Role.SYSTEM), false),
    RESCHEDULE("/milestones/{milestoneId}/reschedule", true, Set.of(Role.PLAN_ADMIN), false),
    TRIGGER("/milestones/{milestoneId}/trigger", true, Set.of(Role.PLAN_ADMIN), false),
    REPORT("/reports", false, Set.of(Role.AGENCY_OFFICER), true),
    COMPLETE("/milestones/{milestoneId}/completion", true, Set.of(Role.AGENCY_OFFICER), true),
    CANCEL("/cancellation", false, Set.of(Role.PLAN_ADMIN), false);

    /** The field kinds the template renders. */
    enum Kind { TEXT, TEXTAREA, DATE, SELECT, MULTI }

    private final String route;
    private final boolean milestoneInPath;
    private final Set<Role> roles;
    private final boolean agencyTakesPart;

    ChangeForm(String route, boolean milestoneInPath, Set<Role> roles, boolean agencyTakesPart) {
        this.route = route;
        this.milestoneInPath = milestoneInPath;
        this.roles = roles;
        this.agencyTakesPart = agencyTakesPart;
    }

    /** The form's name in URLs and message keys: {@code reschedule}. */
    String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ChangeForm of(String slug) {
        for (ChangeForm form : values()) {
            if (form.slug().equals(slug)) {
                return form;
            }
        }
        return null;
    }

    boolean milestoneInPath() {
        return milestoneInPath;
    }

    /** The command side's route for this change, a URI template with {@code planId}, {@code code}, {@code milestoneId}. */
    String route() {
        return "/api/plans/{planId}/activities/{code}" + route;
    }

    /** Whether the viewer is offered this form on the activity (officers: only where their agency takes part). */
    boolean offeredTo(Viewer viewer, ActivityView activity, AgencyDirectory directory) {
        if (viewer == null || viewer.role().isEmpty() || !roles.contains(Role.valueOf(viewer.role()))) {
            return false;
        }
        return !agencyTakesPart || takesPart(viewer.agency(), activity, directory);
    }

    static boolean takesPart(String agency, ActivityView activity, AgencyDirectory directory) {
        if (agency == null || agency.isEmpty()) {
            return false;
        }
        Set<String> acting = new java.util.HashSet<>(directory.groupIdsContaining(agency));
        acting.add(agency);
        return (activity.lead() != null && acting.contains(activity.lead().id()))
                || activity.jointLeads().stream().anyMatch(a -> acting.contains(a.id()))
                || activity.coordinators().stream().anyMatch(a -> acting.contains(a.id()));
    }

    List<FieldSpec> fields() {
        return switch (this) {
            case ASSIGN -> List.of(new FieldSpec("lead", Kind.SELECT, true), new FieldSpec("jointLeads", Kind.MULTI, false),
                    new FieldSpec("coordinators", Kind.MULTI, false), new FieldSpec("reason", Kind.TEXTAREA, false),
                    new FieldSpec("basis.number", Kind.TEXT, false), new FieldSpec("basis.date", Kind.DATE, false),
                    new FieldSpec("effectiveOn", Kind.DATE, false));
            case RESCHEDULE -> List.of(new FieldSpec("milestoneId", Kind.SELECT, true),
                    new FieldSpec("newDue", Kind.DATE, true), new FieldSpec("reason", Kind.TEXTAREA, true),
                    new FieldSpec("basis.number", Kind.TEXT, false), new FieldSpec("basis.date", Kind.DATE, false),
                    new FieldSpec("effectiveOn", Kind.DATE, false));
            case TRIGGER -> List.of(new FieldSpec("milestoneId", Kind.SELECT, true),
                    new FieldSpec("occurredOn", Kind.DATE, true), new FieldSpec("source.number", Kind.TEXT, true),
                    new FieldSpec("source.date", Kind.DATE, false), new FieldSpec("note", Kind.TEXTAREA, false));
            case REPORT -> List.of(new FieldSpec("agency", Kind.SELECT, true), new FieldSpec("milestoneId", Kind.SELECT, false),
                    new FieldSpec("period", Kind.TEXT, false), new FieldSpec("summary", Kind.TEXTAREA, true),
                    new FieldSpec("documentNumber", Kind.TEXT, false), new FieldSpec("sentOn", Kind.DATE, true));
            case COMPLETE -> List.of(new FieldSpec("milestoneId", Kind.SELECT, true),
                    new FieldSpec("completedOn", Kind.DATE, true), new FieldSpec("note", Kind.TEXTAREA, false));
            case CANCEL -> List.of(new FieldSpec("reason", Kind.TEXTAREA, true),
                    new FieldSpec("basis.number", Kind.TEXT, false), new FieldSpec("basis.date", Kind.DATE, false),
                    new FieldSpec("effectiveOn", Kind.DATE, false));
        };
    }

    /** One input of a form. */
    record FieldSpec(String name, Kind kindOf, boolean required) {

        /** The id of its input (dots do not sit well in CSS selectors). */
        public String id() {
            return "f-" + name.replace('.', '-');
        }

        public String kind() {
            return kindOf.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The request body from the submitted values: blank values left out, {@code a.b} nested under {@code a}, lists for
     * multiple choices; the milestone goes in the path where the route has it.
     */
    Map<String, Object> body(Map<String, List<String>> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (FieldSpec field : fields()) {
            if (milestoneInPath && field.name().equals("milestoneId")) {
                continue;
            }
            List<String> given = values.getOrDefault(field.name(), List.of()).stream()
                    .filter(v -> v != null && !v.isBlank()).toList();
            Object value = field.kindOf() == Kind.MULTI ? given : given.isEmpty() ? null : given.get(0);
            if (value == null) {
                continue;
            }
            int dot = field.name().indexOf('.');
            if (dot < 0) {
                body.put(field.name(), value);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) body.computeIfAbsent(field.name().substring(0, dot),
                        k -> new LinkedHashMap<String, Object>());
                inner.put(field.name().substring(dot + 1), value);
            }
        }
        return body;
    }
}
