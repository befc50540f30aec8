package org.planledger.query.console;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.Agency;
import org.planledger.query.plan.PlanQueries.Milestone;

/**
 * One line of the plan table: the activity as the API answers it, with its standing on the day the page is about.
 *
 * @param status      {@code cancelled}, {@code completed} (every milestone), {@code overdue} (an open milestone past
 *                    due), {@code due-soon} (one due within 30 days) or {@code on-track}
 * @param nextDue     the earliest due date among open milestones
 * @param reschedules deadlines moved so far
 */
public record PlanLine(ActivityView activity, String status, LocalDate nextDue, int reschedules) {

    static final int SOON_DAYS = 30;
    static final List<String> STATUSES = List.of("on-track", "due-soon", "overdue", "completed", "cancelled");

    static PlanLine of(ActivityView activity, LocalDate day, int reschedules) {
        LocalDate next = activity.milestones().stream().filter(m -> !"COMPLETED".equals(m.status()))
                .map(Milestone::due).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
        return new PlanLine(activity, status(activity, next, day), next, reschedules);
    }

    static String status(ActivityView activity, LocalDate nextDue, LocalDate day) {
        if ("CANCELLED".equals(activity.status())) {
            return "cancelled";
        }
        if (!activity.milestones().isEmpty() && activity.milestones().stream().allMatch(m -> "COMPLETED".equals(m.status()))) {
            return "completed";
        }
        return standing(nextDue, day);
    }

    /** One milestone's standing on the day, in the same words as an activity's. */
    static String milestoneStatus(ActivityView activity, Milestone m, LocalDate day) {
        if ("CANCELLED".equals(activity.status())) {
            return "cancelled";
        }
        if ("COMPLETED".equals(m.status())) {
            return "completed";
        }
        return standing(m.due(), day);
    }

    /** One of this activity's milestones on the day (for the activity page). */
    public String standingOf(Milestone m, LocalDate day) {
        return milestoneStatus(activity, m, day);
    }

    private static String standing(LocalDate due, LocalDate day) {
        if (due != null && due.isBefore(day)) {
            return "overdue";
        }
        if (due != null && !due.isAfter(day.plusDays(SOON_DAYS))) {
            return "due-soon";
        }
        return "on-track";
    }

    /** Every agency id named on the activity: lead, joint leads, coordinators. */
    Stream<String> agencyIds() {
        return Stream.of(Stream.ofNullable(activity.lead()), activity.jointLeads().stream(), activity.coordinators().stream())
                .flatMap(s -> s).map(Agency::id);
    }

    public String section() {
        return activity.section();
    }
}
