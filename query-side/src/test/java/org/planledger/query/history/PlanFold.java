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
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;

/**
 * A fresh in-memory fold of events into the plan, independent of the SQL: the events recorded by {@code asOf}, applied
 * in recorded order, or (with {@code validAt}) those in force by then, applied in effective order. The effective date
 * follows the read model's rule: the event's effectiveOn, else the metadata's, else the recorded date; never before
 * the activity it changes is in force, nor an activity before its plan. The fold applies each event as the current
 * read model does ({@code PlanProjection}). The activity version is the one recorded by {@code asOf}.
 */
final class PlanFold {

    record Plan(String planId, List<Activity> activities) {
    }

    record Activity(String code, String status, String lead, List<String> coordinators, long version,
            List<Milestone> milestones, List<Report> reports) {
    }

    record Milestone(String id, LocalDate due, LocalDate originalDue, String status, LocalDate completedOn,
            Boolean onTime) {
    }

    record Report(String id, String agency, LocalDate sentOn, boolean onTime) {
    }

    /** One workload row; the fields of {@code WorkloadQueries.AgencyWorkload} as numbers. */
    record Workload(int ledOpen, int ledCompleted, int ledCancelled, int ledDirect, int ledThroughGroup,
            int coordinatedOpen, int coordinatedCompleted, int coordinatedCancelled, int coordinatedDirect,
            int coordinatedThroughGroup, int overdue, int dueSoon, int reportsSubmitted, int reportsLate) {
    }

    private static final class State {
        String id;
        String code;
        Instant registeredAt;
        String status = "OPEN";
        AgencyRef lead;
        List<AgencyRef> coordinators = List.of();
        long version;
        final Map<String, Milestone> milestones = new TreeMap<>(Comparator.comparingInt(PlanFold::position));
        final List<Report> reports = new ArrayList<>();
        final List<ReportSubmitted> reportEvents = new ArrayList<>();
    }

    private PlanFold() {
    }

    /** The plan at (asOf, validAt); null when the plan was not recorded by asOf or is not in force on validAt. */
    static Plan at(List<Recorded> events, Instant asOf, LocalDate validAt) {
        Map<String, State> activities = fold(events, asOf, validAt);
        if (activities == null) {
            return null;
        }
        String planId = events.get(0).aggregateId();
        return new Plan(planId, activities.values().stream()
                .sorted(Comparator.comparing((State s) -> s.registeredAt).thenComparing(s -> s.id))
                .map(s -> new Activity(s.code, s.status, s.lead == null ? null : s.lead.id(),
                        s.coordinators.stream().map(AgencyRef::id).toList(), s.version,
                        List.copyOf(s.milestones.values()), List.copyOf(s.reports)))
                .toList());
    }

    /** The per-agency workload of the plan at (asOf, validAt), counted from {@code today}, as WorkloadQueries counts. */
    static Map<String, Workload> workload(List<Recorded> events, Instant asOf, LocalDate validAt, LocalDate today) {
        Map<String, State> activities = fold(events, asOf, validAt);
        if (activities == null) {
            return null;
        }
        Map<Part, Boolean> parts = new LinkedHashMap<>();
        Map<String, State> byId = new HashMap<>();
        for (State a : activities.values()) {
            byId.put(a.id, a);
            if (a.lead != null) {
                take(parts, a.lead, "LEAD", a.id);
            }
            a.coordinators.forEach(c -> take(parts, c, "COORDINATOR", a.id));
        }
        Map<String, int[]> reports = new HashMap<>();
        for (State a : activities.values()) {
            for (ReportSubmitted r : a.reportEvents) {
                int[] count = reports.computeIfAbsent(r.agency().id(), k -> new int[2]);
                count[0]++;
                count[1] += r.onTime() ? 0 : 1;
            }
        }
        Map<String, int[]> rows = new TreeMap<>();
        parts.forEach((part, direct) -> {
            int[] row = rows.computeIfAbsent(part.agency(), k -> new int[14]);
            State a = byId.get(part.activityId());
            int base = part.role().equals("LEAD") ? 0 : 5;
            row[base + switch (a.status) {
                case "OPEN" -> 0;
                case "COMPLETED" -> 1;
                default -> 2;
            }]++;
            row[base + (direct ? 3 : 4)]++;
            if (part.role().equals("LEAD") && a.status.equals("OPEN")) {
                for (Milestone m : a.milestones.values()) {
                    if (m.status().equals("OPEN") && m.due() != null) {
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

    /** The agency as named (directly) and each member of it when it is a group (through the group). */
    private static void take(Map<Part, Boolean> parts, AgencyRef agency, String role, String activityId) {
        parts.merge(new Part(agency.id(), role, activityId), true, Boolean::logicalOr);
        for (String member : LedgerSimulation.DIRECTORY.memberIdsOf(agency.id())) {
            parts.merge(new Part(member, role, activityId), false, Boolean::logicalOr);
        }
    }

    private static Map<String, State> fold(List<Recorded> all, Instant asOf, LocalDate validAt) {
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
        Map<String, State> activities = new LinkedHashMap<>();
        for (Recorded e : applied) {
            apply(activities, e);
        }
        Map<String, Long> versions = new HashMap<>();
        for (Recorded e : recorded) {
            if (e.activityId() != null) {
                versions.put(e.activityId(), e.seq());
            }
        }
        activities.values().forEach(s -> s.version = versions.get(s.id));
        return activities;
    }

    private static void apply(Map<String, State> activities, Recorded e) {
        Object p = e.payload();
        if (p instanceof ActivityRegistered r) {
            State s = new State();
            s.id = r.activityId();
            s.code = r.code();
            s.registeredAt = e.recordedAt();
            activities.put(s.id, s);
            return;
        }
        State s = e.activityId() == null ? null : activities.get(e.activityId());
        if (s == null) {
            return;
        }
        if (p instanceof MilestoneScheduled m) {
            s.milestones.put(m.milestoneId(), new Milestone(m.milestoneId(), m.due(), m.due(), "OPEN", null, null));
        } else if (p instanceof ActivityAssigned a) {
            s.lead = a.lead();
            s.coordinators = a.coordinators();
        } else if (p instanceof DeadlineRescheduled d) {
            s.milestones.computeIfPresent(d.milestoneId(), (id, m) -> new Milestone(id, d.newDue(), m.originalDue(),
                    m.status(), m.completedOn(), m.onTime()));
        } else if (p instanceof ReportSubmitted r) {
            s.reports.add(new Report(r.reportId(), r.agency().id(), r.sentOn(), r.onTime()));
            s.reportEvents.add(r);
        } else if (p instanceof MilestoneCompleted c) {
            s.milestones.computeIfPresent(c.milestoneId(), (id, m) -> new Milestone(id, m.due(), m.originalDue(),
                    "COMPLETED", c.completedOn(), c.onTime()));
            if (s.status.equals("OPEN") && s.milestones.values().stream().noneMatch(m -> m.status().equals("OPEN"))) {
                s.status = "COMPLETED";
            }
        } else if (p instanceof ActivityCancelled) {
            s.status = "CANCELLED";
        }
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
        LocalDate fromPayload = null;
        if (e.payload() instanceof ActivityAssigned a) {
            fromPayload = a.effectiveOn();
        } else if (e.payload() instanceof DeadlineRescheduled d) {
            fromPayload = d.effectiveOn();
        } else if (e.payload() instanceof ActivityCancelled c) {
            fromPayload = c.effectiveOn();
        }
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
        List<Milestone> milestones = new ArrayList<>();
        a.get("milestones").forEach(m -> milestones.add(new Milestone(m.get("id").asText(), date(m.get("due")),
                date(m.get("originalDue")), m.get("status").asText(), date(m.get("completedOn")),
                m.get("completedOnTime").isNull() ? null : m.get("completedOnTime").asBoolean())));
        List<Report> reports = new ArrayList<>();
        if (a.has("reports")) {
            a.get("reports").forEach(r -> reports.add(new Report(r.get("reportId").asText(),
                    r.get("agency").get("id").asText(), date(r.get("sentOn")), r.get("onTime").asBoolean())));
        }
        return new Activity(a.get("code").asText(), a.get("status").asText(),
                a.get("lead").isNull() ? null : a.get("lead").get("id").asText(), coordinators,
                a.get("version").asLong(), milestones, reports);
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
                .map(a -> new Activity(a.code(), a.status(), a.lead(), a.coordinators(), a.version(), a.milestones(),
                        List.of()))
                .toList());
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }

    private static int position(String milestoneId) {
        String digits = milestoneId.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
