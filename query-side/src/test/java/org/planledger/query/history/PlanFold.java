package org.planledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.planledger.query.history.LedgerSimulation.Recorded;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.PlanEvent;
import org.planledger.shared.fold.ActivityFold;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.ActivityState.Assignment;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.Participant;
import org.planledger.shared.fold.ActivityState.ReportState;
import org.planledger.shared.fold.Changes;
import org.planledger.shared.fold.EventFacts;
import org.planledger.shared.fold.FieldChange;

/**
 * The test oracle: the one fold ({@link ActivityFold}, the same the read models use) applied in memory to the events
 * recorded by {@code asOf}, in recorded order, or (with {@code validAt}) to those in force by then, in effective order.
 * The effective date follows the read model's rule: the event's own (EventFacts), else the metadata's, else the
 * recorded date; never before the activity it changes is in force, nor an activity before its plan. The activity
 * version is the one recorded by {@code asOf}. What this class adds is only the comparison form of the answers.
 */
final class PlanFold {

    record Plan(String planId, List<Activity> activities) {
    }

    record Activity(String code, String status, String lead, List<String> jointLeads, List<String> coordinators,
            long version, List<Milestone> milestones, List<Report> reports, String title, String timeline) {
    }

    record Milestone(String id, LocalDate due, LocalDate originalDue, String status, LocalDate completedOn,
            Boolean onTime) {
    }

    record Report(String id, String agency, LocalDate sentOn, boolean onTime, String answers, String review) {
    }

    /** One workload row; the fields of {@code WorkloadQueries.AgencyWorkload} as numbers. */
    record Workload(int ledOpen, int ledCompleted, int ledCancelled, int ledDirect, int ledThroughGroup,
            int coordinatedOpen, int coordinatedCompleted, int coordinatedCancelled, int coordinatedDirect,
            int coordinatedThroughGroup, int overdue, int dueSoon, int reportsSubmitted, int reportsLate) {
    }

    /** An activity's folded state, when it was registered, and its version as recorded by asOf. */
    private record Folded(ActivityState state, Instant registeredAt, long version) {
    }

    private PlanFold() {
    }

    /** The plan at (asOf, validAt); null when the plan was not recorded by asOf or is not in force on validAt. */
    static Plan at(List<Recorded> events, Instant asOf, LocalDate validAt) {
        Map<String, Folded> activities = fold(events, asOf, validAt);
        if (activities == null) {
            return null;
        }
        String planId = events.get(0).aggregateId();
        return new Plan(planId, activities.values().stream()
                .sorted(Comparator.comparing(Folded::registeredAt).thenComparing(f -> f.state().activityId()))
                .map(PlanFold::activity)
                .toList());
    }

    private static Activity activity(Folded folded) {
        ActivityState s = folded.state();
        Assignment a = s.assignment();
        return new Activity(s.code(), s.status().name(), a == null ? null : a.lead().id(),
                a == null ? List.of() : a.jointLeads().stream().map(AgencyRef::id).toList(),
                a == null ? List.of() : a.coordinators().stream().map(AgencyRef::id).toList(), folded.version(),
                s.milestones().stream().map(m -> new Milestone(m.id(), m.due(), m.originalDue(),
                        m.completed() ? "COMPLETED" : "OPEN", m.completedOn(), m.completedOnTime())).toList(),
                s.reports().stream().sorted(Comparator.comparingLong(ReportState::seq))
                        .map(r -> new Report(r.reportId(), r.agency().id(), r.sentOn(), r.onTime(), r.answers(),
                                r.reviewState())).toList(),
                s.title(), s.timeline());
    }

    /** The per-agency workload of the plan at (asOf, validAt), counted from {@code today}, as WorkloadQueries counts. */
    static Map<String, Workload> workload(List<Recorded> events, Instant asOf, LocalDate validAt, LocalDate today) {
        Map<String, Folded> activities = fold(events, asOf, validAt);
        if (activities == null) {
            return null;
        }
        Map<Part, Boolean> parts = new LinkedHashMap<>();
        Map<String, ActivityState> byId = new HashMap<>();
        Map<String, int[]> reports = new HashMap<>();
        for (Folded f : activities.values()) {
            ActivityState a = f.state();
            byId.put(a.activityId(), a);
            for (Participant p : a.participants(LedgerSimulation.DIRECTORY)) {
                parts.merge(new Part(p.agencyId(), p.role().name(), a.activityId()), p.direct(), Boolean::logicalOr);
            }
            for (ReportState r : a.reports().stream().filter(ReportState::counts).toList()) {
                int[] count = reports.computeIfAbsent(r.agency().id(), k -> new int[2]);
                count[0]++;
                count[1] += r.onTime() ? 0 : 1;
            }
        }
        Map<String, int[]> rows = new TreeMap<>();
        parts.forEach((part, direct) -> {
            int[] row = rows.computeIfAbsent(part.agency(), k -> new int[14]);
            ActivityState a = byId.get(part.activityId());
            int base = part.role().equals("LEAD") ? 0 : 5;
            row[base + a.status().ordinal()]++;
            row[base + (direct ? 3 : 4)]++;
            if (part.role().equals("LEAD") && a.status() == ActivityState.Status.OPEN) {
                for (MilestoneState m : a.milestones()) {
                    if (!m.completed() && m.due() != null) {
                        if (m.due().isBefore(today)) {
                            row[10]++;
                        } else if (!m.due().isAfter(today.plusDays(30))) {
                            row[11]++;
                        }
                    }
                }
            }
        });
        Map<String, Workload> result = new TreeMap<>();
        rows.forEach((agency, r) -> {
            int[] rep = reports.getOrDefault(agency, new int[2]);
            result.put(agency, new Workload(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11],
                    rep[0], rep[1]));
        });
        return result;
    }

    private record Part(String agency, String role, String activityId) {
    }

    private static Map<String, Folded> fold(List<Recorded> all, Instant asOf, LocalDate validAt) {
        Map<Long, LocalDate> effective = effectiveDates(all);
        List<Recorded> recorded = all.stream().filter(e -> asOf == null || !e.recordedAt().isAfter(asOf)).toList();
        List<Recorded> applied = recorded;
        if (validAt != null) {
            applied = recorded.stream().filter(e -> !effective.get(e.position()).isAfter(validAt))
                    .sorted(Comparator.comparing((Recorded e) -> effective.get(e.position()))
                            .thenComparingLong(Recorded::position))
                    .toList();
        }
        if (applied.stream().noneMatch(e -> e.payload() instanceof PlanCreated)) {
            return null;
        }
        Map<String, ActivityState> states = new LinkedHashMap<>();
        Map<String, Instant> registered = new HashMap<>();
        for (Recorded e : applied) {
            if (e.payload() instanceof ActivityEvent event) {
                states.put(event.activityId(), ActivityFold.apply(states.get(event.activityId()), event, e.seq()));
                registered.putIfAbsent(event.activityId(), e.recordedAt());
            }
        }
        Map<String, Long> versions = new HashMap<>();
        for (Recorded e : recorded) {
            if (e.activityId() != null) {
                versions.put(e.activityId(), e.seq());
            }
        }
        Map<String, Folded> result = new LinkedHashMap<>();
        states.forEach((id, state) -> result.put(id, new Folded(state, registered.get(id), versions.get(id))));
        return result;
    }

    /** For each event in recorded order, the change it made as the fold reads it, one "field: before → after" a line. */
    static List<String> changes(List<Recorded> events) {
        Map<String, ActivityState> states = new HashMap<>();
        List<String> result = new ArrayList<>();
        for (Recorded e : events) {
            List<FieldChange> changes;
            if (e.payload() instanceof ActivityEvent event) {
                ActivityState before = states.get(event.activityId());
                ActivityState after = ActivityFold.apply(before, event, e.seq());
                states.put(event.activityId(), after);
                changes = Changes.between(before, after);
            } else {
                changes = Changes.of((PlanEvent) e.payload());
            }
            result.add(String.join("\n", changes.stream().map(FieldChange::text).toList()));
        }
        return result;
    }

    /** The effective date of every event by position, with the read model's rule. */
    static Map<Long, LocalDate> effectiveDates(List<Recorded> events) {
        Map<Long, LocalDate> result = new HashMap<>();
        LocalDate plan = null;
        Map<String, LocalDate> activity = new HashMap<>();
        for (Recorded e : events) {
            LocalDate stated = stated(e);
            LocalDate in;
            if (e.payload() instanceof PlanCreated p) {
                in = p.decision() != null && p.decision().date() != null ? p.decision().date() : LocalDate.of(p.year(), 1, 1);
                plan = in;
            } else if (e.payload() instanceof ActivityRegistered r) {
                in = plan != null && plan.isAfter(stated) ? plan : stated;
                activity.put(r.activityId(), in);
            } else if (e.activityId() != null) {
                LocalDate floor = activity.get(e.activityId());
                in = floor != null && floor.isAfter(stated) ? floor : stated;
            } else {
                in = stated;
            }
            result.put(e.position(), in);
        }
        return result;
    }

    private static LocalDate stated(Recorded e) {
        LocalDate fromPayload = e.payload() instanceof ActivityEvent event ? EventFacts.of(event).effectiveOn() : null;
        if (fromPayload != null) {
            return fromPayload;
        }
        String meta = e.metaData().get("effectiveOn");
        return meta != null ? LocalDate.parse(meta) : LocalDate.ofInstant(e.recordedAt(), LedgerSimulation.ZONE);
    }

    /** The read model's JSON answer for a plan, in the fold's terms. */
    static Plan plan(JsonNode json) {
        List<Activity> activities = new ArrayList<>();
        json.get("activities").forEach(a -> activities.add(activity(a)));
        return new Plan(json.get("planId").asText(), activities);
    }

    static Activity activity(JsonNode a) {
        List<String> coordinators = new ArrayList<>();
        a.get("coordinators").forEach(c -> coordinators.add(c.get("id").asText()));
        List<String> jointLeads = new ArrayList<>();
        a.get("jointLeads").forEach(c -> jointLeads.add(c.get("id").asText()));
        List<Milestone> milestones = new ArrayList<>();
        a.get("milestones").forEach(m -> milestones.add(new Milestone(m.get("id").asText(), date(m.get("due")),
                date(m.get("originalDue")), m.get("status").asText(), date(m.get("completedOn")),
                m.get("completedOnTime").isNull() ? null : m.get("completedOnTime").asBoolean())));
        List<Report> reports = new ArrayList<>();
        if (a.has("reports")) {
            a.get("reports").forEach(r -> reports.add(new Report(r.get("reportId").asText(),
                    r.get("agency").get("id").asText(), date(r.get("sentOn")), r.get("onTime").asBoolean(),
                    r.hasNonNull("answers") ? r.get("answers").asText() : null, r.get("review").asText())));
        }
        return new Activity(a.get("code").asText(), a.get("status").asText(),
                a.get("lead").isNull() ? null : a.get("lead").get("id").asText(), jointLeads, coordinators,
                a.get("version").asLong(), milestones, reports, a.get("title").asText(), a.get("timeline").asText());
    }

    static Map<String, Workload> workload(JsonNode json) {
        Map<String, Workload> rows = new TreeMap<>();
        json.get("agencies").forEach(r -> {
            JsonNode led = r.get("led");
            JsonNode co = r.get("coordinated");
            rows.put(r.get("agency").get("id").asText(), new Workload(led.get("open").asInt(),
                    led.get("completed").asInt(), led.get("cancelled").asInt(), led.get("direct").asInt(),
                    led.get("throughGroup").asInt(), co.get("open").asInt(), co.get("completed").asInt(),
                    co.get("cancelled").asInt(), co.get("direct").asInt(), co.get("throughGroup").asInt(),
                    r.get("milestonesOverdue").asInt(), r.get("milestonesDueNext30Days").asInt(),
                    r.get("reportsSubmitted").asInt(), r.get("reportsLate").asInt()));
        });
        return rows;
    }

    /** Drops reports (the plan answer lists none) so a plan can be compared with the fold. */
    static Plan withoutReports(Plan plan) {
        return plan == null ? null : new Plan(plan.planId(), plan.activities().stream()
                .map(a -> new Activity(a.code(), a.status(), a.lead(), a.jointLeads(), a.coordinators(), a.version(),
                        a.milestones(), List.of(), a.title(), a.timeline()))
                .toList());
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }
}
