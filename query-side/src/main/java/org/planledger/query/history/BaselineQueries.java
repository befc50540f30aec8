package org.planledger.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.TimeParameters;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What changed in a plan between two recorded instants (from exclusive, to inclusive), from the history read model;
 * either end can be an amendment decision instead (from just before its first event, to through its last), so the
 * baseline of one decision shows exactly the changes it made:
 * activities added and cancelled, reassignments, deadlines moved with the days slipped (net per milestone, and each
 * move), reports submitted, milestones completed. Its queries read one snapshot (each planned for the instants asked
 * about: the query side's connections run with {@code plan_cache_mode = force_custom_plan}, see application.yml).
 */
@RestController
@Tag(name = "Plan")
public class BaselineQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionGenerations generations;
    private final ZoneId zone;
    private final Decisions decisions;
    private final TransactionTemplate snapshot;

    BaselineQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ProjectionGenerations generations,
            @Value("${planledger.zone}") ZoneId zone, Decisions decisions, PlatformTransactionManager transactions) {
        this.decisions = decisions;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.jdbc = jdbc;
        this.json = json;
        this.generations = generations;
        this.zone = zone;
    }

    @GetMapping("/api/plans/{planId}/baseline")
    @Operation(summary = "What changed in the plan between two recorded instants (after from, up to and including to), "
            + "or around amendment decisions (fromDecision: from just before it; toDecision: through its last change)")
    public Baseline baseline(@PathVariable String planId,
            @Parameter(description = "ISO-8601 instant with an offset (or a date: the end of that day in the ledger's zone); required unless fromDecision")
            @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant with an offset (or a date: the end of that day); default: everything recorded")
            @RequestParam(required = false) String to,
            @Parameter(description = Decisions.FROM_DECISION) @RequestParam(required = false) String fromDecision,
            @Parameter(description = Decisions.TO_DECISION) @RequestParam(required = false) String toDecision) {
        return baseline(planId, from, to, fromDecision, toDecision, null);
    }

    /**
     * The baseline between {@code from} and {@code to} as one page shows it (the console's, 250 items a page): the
     * totals count every change, each list holds the window's items only, from the index {@code window.first()}
     * answers for the totals; the lists' items and their order are those of the whole baseline.
     */
    public Baseline window(String planId, String from, String to, Window window) {
        return baseline(planId, from, to, null, null, java.util.Objects.requireNonNull(window, "window"));
    }

    /** Which items of each list: {@code size} of them from the index {@code first} gives for the totals. */
    public record Window(java.util.function.ToIntFunction<Totals> first, int size) {
    }

    private Baseline baseline(String planId, String from, String to, String fromDecision, String toDecision,
            Window window) {
        Instant t1 = decisions.before(planId, "from", from, "fromDecision", fromDecision);
        if (t1 == null) {
            t1 = TimeParameters.instant("from", from, zone, TimeParameters.DayEdge.END);
        }
        if (t1 == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "from", "required", "from (or fromDecision) is required");
        }
        Instant t2 = decisions.through(planId, "to", to, "toDecision", toDecision);
        PointInTime end = new PointInTime(t2 != null ? t2 : TimeParameters.instant("to", to, zone,
                TimeParameters.DayEdge.END), null);
        if (end.asOf() != null && end.asOf().isBefore(t1)) {
            String field = t2 != null ? "toDecision" : "to";
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "to-not-before-from", field + " is before "
                    + (fromDecision == null || fromDecision.isEmpty() ? "from" : "fromDecision"));
        }
        Instant from1 = t1;
        return snapshot.execute(tx -> between(planId, from1, end, window));
    }

    private Baseline between(String planId, Instant t1, PointInTime end, Window window) {
        MapSqlParameterSource params = new MapSqlParameterSource("g", generations.live(PlanHistoryProjection.PROCESSING_GROUP))
                .addValue("planId", planId).addValue("t1", new PointInTime(t1, null).recordedBound())
                .addValue("t2", end.recordedBound()).addValue("d", LocalDate.MAX);
        Integer plans = jdbc.queryForObject("select count(*) from history_plan where generation = :g and plan_id = :planId",
                params, Integer.class);
        if (plans == null || plans == 0) {
            throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + planId);
        }

        // the due dates in force at each end, of the milestones moved only (as history_milestones_at reads them)
        Map<String, LocalDate> dueBefore = new LinkedHashMap<>();
        Map<String, LocalDate> dueAfter = new LinkedHashMap<>();
        jdbc.query("""
                with moved as (
                    select distinct d.activity_id, d.milestone_id from history_due d
                    where d.generation = :g and d.plan_id = :planId and d.axis = 'R' and d.set_by = 'DeadlineRescheduled'
                      and d.set_recorded_at > :t1 and d.set_recorded_at <= :t2)
                select moved.activity_id, moved.milestone_id, (%s) as due_t1, (%s) as due_t2 from moved"""
                .formatted(DUE_AT.replace(":t", ":t1"), DUE_AT.replace(":t", ":t2")), params, rs -> {
                    String key = rs.getString("activity_id") + "#" + rs.getString("milestone_id");
                    dueBefore.put(key, rs.getObject("due_t1", LocalDate.class));
                    dueAfter.put(key, rs.getObject("due_t2", LocalDate.class));
                });
        // windowed (the console's page): every list counted first, then the page's items of each read
        Totals counted = null;
        String limit = "";
        if (window != null) {
            counted = jdbc.queryForObject("""
                    select (select count(*) from history_activity a where a.generation = :g and a.plan_id = :planId
                              and a.recorded_at > :t1 and a.recorded_at <= :t2) as added,
                           (select count(*) from history_cancellation c where c.generation = :g and c.plan_id = :planId
                              and c.recorded_at > :t1 and c.recorded_at <= :t2) as cancelled,
                           (select count(*) from history_assignment s where s.generation = :g and s.plan_id = :planId
                              and s.axis = 'R' and s.set_recorded_at > :t1 and s.set_recorded_at <= :t2) as reassignments,
                           (select count(*) from history_report r where r.generation = :g and r.plan_id = :planId
                              and r.recorded_at > :t1 and r.recorded_at <= :t2) as reports,
                           (select count(*) from history_completion c where c.generation = :g and c.plan_id = :planId
                              and c.recorded_at > :t1 and c.recorded_at <= :t2) as completions""", params,
                    (rs, i) -> new Totals(rs.getInt("added"), rs.getInt("cancelled"), rs.getInt("reassignments"),
                            dueBefore.size(), slip(dueBefore, dueAfter), rs.getInt("reports"), rs.getInt("completions")));
            params.addValue("offset", window.first().applyAsInt(counted)).addValue("limit", window.size());
            limit = " limit :limit offset :offset";
        }

        // an activity is in the plan as recorded at t once its registration is recorded (history_activities_at, axis
        // R): those added are the ones recorded in between, with their title as recorded at the end (the window's
        // activities taken first, in printed order: printed_position is printed_order(code), stored)
        List<ActivityChange> added = jdbc.query("""
                select a.code, coalesce(x.title, a.title) as title
                from (select a.* from history_activity a
                      where a.generation = :g and a.plan_id = :planId and a.recorded_at > :t1 and a.recorded_at <= :t2
                      order by a.printed_position, a.activity_id%s) a
                left join history_text x on x.generation = a.generation and x.activity_id = a.activity_id
                                        and x.axis = 'R' and x.recorded @> cast(:t2 as timestamptz) and x.valid @> cast(:d as date)
                order by a.printed_position, a.activity_id""".formatted(limit), params,
                (rs, i) -> new ActivityChange(rs.getString("code"), rs.getString("title"), null, null, null));
        List<ActivityChange> cancelled = new ArrayList<>();
        jdbc.query("""
                select c.*, a.code, a.title from history_cancellation c
                join history_activity a on a.generation = c.generation and a.activity_id = c.activity_id
                where c.generation = :g and c.plan_id = :planId and c.recorded_at > :t1 and c.recorded_at <= :t2
                order by c.recorded_at, c.activity_id""" + limit, params, rs -> {
                    cancelled.add(new ActivityChange(rs.getString("code"), rs.getString("title"),
                            rs.getString("reason"), basis(rs.getString("basis_number"), rs.getObject("basis_date", LocalDate.class)),
                            rs.getObject("effective_on", LocalDate.class)));
                });

        List<Reassignment> reassignments = jdbc.query("""
                select s.* from history_assignment s
                where s.generation = :g and s.plan_id = :planId and s.axis = 'R'
                  and s.set_recorded_at > :t1 and s.set_recorded_at <= :t2
                order by s.set_recorded_at, s.id""" + limit, params, (rs, i) -> new Reassignment(
                        ActivityId.codeOf(rs.getString("activity_id")),
                        rs.getString("previous_lead_id") == null ? null
                                : new Agency(rs.getString("previous_lead_id"), rs.getString("previous_lead_name")),
                        new Agency(rs.getString("lead_id"), rs.getString("lead_name")),
                        agencies(rs.getString("previous_coordinators")), agencies(rs.getString("coordinators")),
                        rs.getObject("set_effective_on", LocalDate.class),
                        rs.getObject("set_recorded_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                        basis(rs.getString("basis_number"), rs.getObject("basis_date", LocalDate.class))));

        Map<String, List<Move>> moves = new LinkedHashMap<>();
        Map<String, String> products = new LinkedHashMap<>();
        // windowed: the moves of the page's milestones only, milestones in the order of their first move
        String pageOfMilestones = window == null ? "" : """
                join (select f.activity_id, f.milestone_id from (
                          select distinct on (e.activity_id, e.milestone_id) e.activity_id, e.milestone_id,
                                 e.set_recorded_at, e.id
                          from history_due e
                          where e.generation = :g and e.plan_id = :planId and e.axis = 'R'
                            and e.set_by = 'DeadlineRescheduled' and e.set_recorded_at > :t1 and e.set_recorded_at <= :t2
                          order by e.activity_id, e.milestone_id, e.set_recorded_at, e.id) f
                      order by f.set_recorded_at, f.id limit :limit offset :offset) k
                  on k.activity_id = d.activity_id and k.milestone_id = d.milestone_id""";
        jdbc.query("""
                select d.*, m.product from history_due d
                join history_milestone m on m.generation = d.generation and m.activity_id = d.activity_id
                                        and m.milestone_id = d.milestone_id
                %s
                where d.generation = :g and d.plan_id = :planId and d.axis = 'R' and d.set_by = 'DeadlineRescheduled'
                  and d.set_recorded_at > :t1 and d.set_recorded_at <= :t2
                order by d.set_recorded_at, d.id""".formatted(pageOfMilestones), params, rs -> {
                    String key = rs.getString("activity_id") + "#" + rs.getString("milestone_id");
                    products.put(key, rs.getString("product"));
                    LocalDate was = rs.getObject("previous_due", LocalDate.class);
                    LocalDate now = rs.getObject("due", LocalDate.class);
                    moves.computeIfAbsent(key, k -> new ArrayList<>()).add(new Move(was, now, days(was, now),
                            rs.getObject("set_effective_on", LocalDate.class),
                            rs.getObject("set_recorded_at", OffsetDateTime.class).toInstant(), rs.getString("reason"),
                            basis(rs.getString("basis_number"), rs.getObject("basis_date", LocalDate.class))));
                });
        List<DeadlineMoved> deadlines = new ArrayList<>();
        for (Map.Entry<String, List<Move>> m : moves.entrySet()) {
            String activityId = m.getKey().substring(0, m.getKey().indexOf('#'));
            String milestoneId = m.getKey().substring(m.getKey().indexOf('#') + 1);
            LocalDate was = dueBefore.get(m.getKey());
            LocalDate now = dueAfter.get(m.getKey());
            Long slipped = days(was, now);
            deadlines.add(new DeadlineMoved(ActivityId.codeOf(activityId), milestoneId, products.get(m.getKey()),
                    was, now, slipped, m.getValue()));
        }

        List<ReportIn> reports = jdbc.query("""
                select r.* from history_report r
                where r.generation = :g and r.plan_id = :planId and r.recorded_at > :t1 and r.recorded_at <= :t2
                order by r.recorded_at, r.report_id""" + limit, params, (rs, i) -> new ReportIn(
                        ActivityId.codeOf(rs.getString("activity_id")), rs.getString("report_id"),
                        new Agency(rs.getString("agency_id"), rs.getString("agency_name")), rs.getString("milestone_id"),
                        rs.getString("period"), rs.getObject("sent_on", LocalDate.class), rs.getBoolean("on_time"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));
        List<Completion> completions = jdbc.query("""
                select c.* from history_completion c
                where c.generation = :g and c.plan_id = :planId and c.recorded_at > :t1 and c.recorded_at <= :t2
                order by c.recorded_at, c.activity_id, c.milestone_id""" + limit, params, (rs, i) -> new Completion(
                        ActivityId.codeOf(rs.getString("activity_id")), rs.getString("milestone_id"),
                        rs.getObject("completed_on", LocalDate.class), rs.getObject("due_in_force", LocalDate.class),
                        rs.getBoolean("on_time"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));

        Totals totals = counted != null ? counted : new Totals(added.size(), cancelled.size(), reassignments.size(),
                deadlines.size(), slip(dueBefore, dueAfter), reports.size(), completions.size());
        return new Baseline(planId, t1, end.asOf(), totals, added, cancelled, reassignments, deadlines, reports, completions);
    }

    /** The net days slipped of the milestones moved, from their due dates at each end (none known: 0). */
    private static long slip(Map<String, LocalDate> dueBefore, Map<String, LocalDate> dueAfter) {
        long total = 0;
        for (Map.Entry<String, LocalDate> before : dueBefore.entrySet()) {
            Long slipped = days(before.getValue(), dueAfter.get(before.getKey()));
            total += slipped == null ? 0 : slipped;
        }
        return total;
    }

    /**
     * The due date of the milestone {@code moved} as recorded at {@code :t}: null unless the milestone was recorded
     * and not withdrawn by then (history_milestones_at, axis R, in force whenever).
     */
    private static final String DUE_AT = """
            select d.due from history_milestone m
            left join history_due d on d.generation = m.generation and d.activity_id = m.activity_id
                                   and d.milestone_id = m.milestone_id and d.axis = 'R'
                                   and d.recorded @> cast(:t as timestamptz) and d.valid @> cast(:d as date)
            where m.generation = :g and m.activity_id = moved.activity_id and m.milestone_id = moved.milestone_id
              and m.recorded_at <= :t
              and not exists (select 1 from history_withdrawal w where w.generation = m.generation
                              and w.activity_id = m.activity_id and w.milestone_id = m.milestone_id and w.recorded_at <= :t)
            limit 1""";

    private List<Agency> agencies(String stored) {
        List<Agency> list = new ArrayList<>();
        if (stored == null) {
            return list;
        }
        try {
            for (JsonNode node : json.readTree(stored)) {
                list.add(new Agency(node.get("id").asText(), node.get("name").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable coordinators " + stored, e);
        }
        return list;
    }

    private static Basis basis(String number, LocalDate date) {
        return number == null ? null : new Basis(number, date);
    }

    private static Long days(LocalDate from, LocalDate to) {
        return from == null || to == null ? null : ChronoUnit.DAYS.between(from, to);
    }

    public record Baseline(String planId, Instant from, Instant to, Totals totals, List<ActivityChange> activitiesAdded,
            List<ActivityChange> activitiesCancelled, List<Reassignment> reassignments,
            List<DeadlineMoved> deadlinesMoved, List<ReportIn> reportsSubmitted, List<Completion> milestonesCompleted) {
    }

    /** {@code daysSlipped} is the net movement of all deadlines moved (positive: later). */
    public record Totals(int activitiesAdded, int activitiesCancelled, int reassignments, int deadlinesMoved,
            long daysSlipped, int reportsSubmitted, int milestonesCompleted) {
    }

    public record ActivityChange(String code, String title, String reason, Basis basis, LocalDate effectiveOn) {
    }

    public record Reassignment(String code, Agency leadBefore, Agency leadAfter, List<Agency> coordinatorsBefore,
            List<Agency> coordinatorsAfter, LocalDate effectiveOn, Instant recordedAt, String reason, Basis basis) {
    }

    /**
     * @param dueAtFrom   the due date in force at {@code from} (null if the milestone was not recorded yet)
     * @param dueAtTo     the due date in force at {@code to}
     * @param daysSlipped days from dueAtFrom to dueAtTo (negative: brought forward)
     * @param moves       each reschedule recorded in between
     */
    public record DeadlineMoved(String code, String milestoneId, String product, LocalDate dueAtFrom, LocalDate dueAtTo,
            Long daysSlipped, List<Move> moves) {
    }

    public record Move(LocalDate from, LocalDate to, Long days, LocalDate effectiveOn, Instant recordedAt, String reason,
            Basis basis) {
    }

    public record ReportIn(String code, String reportId, Agency agency, String milestoneId, String period, LocalDate sentOn,
            boolean onTime, Instant recordedAt) {
    }

    public record Completion(String code, String milestoneId, LocalDate completedOn, LocalDate dueInForce, boolean onTime,
            Instant recordedAt) {
    }

    public record Agency(String id, String name) {
    }

    public record Basis(String number, LocalDate date) {
    }
}
