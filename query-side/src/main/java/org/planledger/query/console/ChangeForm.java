package org.planledger.query.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.query.console.ConsoleAdvice.Viewer;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.shared.access.Role;
import org.planledger.shared.agency.AgencyDirectory;

/**
 * The changes the console offers on an activity (page 9): which command route each is relayed to, who is offered it,
 * and the fields it has (named as the command side's JSON, {@code basis.number} for a nested one). Offering is the
 * console's only decision: the command side checks role, agency and rules again on every write.
 */
enum ChangeForm {

    ASSIGN("/assignment", null, Set.of(Role.PLAN_ADMIN, Role.SYSTEM), false),
    RESCHEDULE("/milestones/{milestoneId}/reschedule", "milestoneId", Set.of(Role.PLAN_ADMIN), false),
    TRIGGER("/milestones/{milestoneId}/trigger", "milestoneId", Set.of(Role.PLAN_ADMIN), false),
    REPORT("/reports", null, Set.of(Role.AGENCY_OFFICER), true),
    REVIEW("/reports/{reportId}/review", "reportId", Set.of(Role.PLAN_ADMIN), false),
    COMPLETE("/milestones/{milestoneId}/completion", "milestoneId", Set.of(Role.AGENCY_OFFICER), true),
    AMEND("/amendment", null, Set.of(Role.PLAN_ADMIN), false),
    CANCEL("/cancellation", null, Set.of(Role.PLAN_ADMIN), false);

    static final String AWAITING_REVIEW = "AWAITING_REVIEW";

    /** The field kinds the template renders; LINES is a text area whose lines are sent as a list. */
    enum Kind { TEXT, TEXTAREA, LINES, DATE, SELECT, MULTI }

    private final String route;
    private final String inPath;
    private final Set<Role> roles;
    private final boolean agencyTakesPart;

    ChangeForm(String route, String inPath, Set<Role> roles, boolean agencyTakesPart) {
        this.route = route;
        this.inPath = inPath;
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

    /** The field that goes in the route instead of the body ({@code milestoneId}, {@code reportId}), or null. */
    String inPath() {
        return inPath;
    }

    /** The command side's route for this change, a URI template with {@code planId}, {@code code} and {@link #inPath()}. */
    String route() {
        return "/api/plans/{planId}/activities/{code}" + route;
    }

    /** Whether the viewer is offered this form on the activity (officers: only where their agency takes part). */
    boolean offeredTo(Viewer viewer, ActivityView activity, AgencyDirectory directory) {
        if (viewer == null || viewer.role().isEmpty() || !roles.contains(Role.valueOf(viewer.role()))) {
            return false;
        }
        if (this == REVIEW && awaitingReview(activity).isEmpty()) {
            return false;
        }
        return !agencyTakesPart || takesPart(viewer.agency(), activity, directory);
    }

    /** The activity's reports that no one has accepted or returned yet, oldest first. */
    static List<PlanQueries.Report> awaitingReview(ActivityView activity) {
        return activity.reports() == null ? List.of()
                : activity.reports().stream().filter(r -> AWAITING_REVIEW.equals(r.review())).toList();
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
                    new FieldSpec("documentNumber", Kind.TEXT, false), new FieldSpec("sentOn", Kind.DATE, true),
                    new FieldSpec("answers", Kind.SELECT, false));
            case REVIEW -> List.of(new FieldSpec("reportId", Kind.SELECT, true),
                    new FieldSpec("outcome", Kind.SELECT, true), new FieldSpec("reason", Kind.TEXTAREA, false));
            case AMEND -> List.of(new FieldSpec("title", Kind.TEXTAREA, false), new FieldSpec("products", Kind.LINES, false),
                    new FieldSpec("timeline", Kind.TEXTAREA, false), new FieldSpec("reason", Kind.TEXTAREA, true),
                    new FieldSpec("basis.number", Kind.TEXT, false), new FieldSpec("basis.date", Kind.DATE, false),
                    new FieldSpec("effectiveOn", Kind.DATE, false));
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
     * multiple choices and for the lines of a LINES field; the milestone or report goes in the path where the route has
     * it.
     */
    Map<String, Object> body(Map<String, List<String>> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (FieldSpec field : fields()) {
            if (field.name().equals(inPath)) {
                continue;
            }
            List<String> given = values.getOrDefault(field.name(), List.of()).stream()
                    .filter(v -> v != null && !v.isBlank()).toList();
            Object value = field.kindOf() == Kind.MULTI ? given
                    : given.isEmpty() ? null
                    : field.kindOf() == Kind.LINES ? given.get(0).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()
                    : given.get(0);
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
