package org.planledger.query.workload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.planledger.query.history.Decisions;
import org.planledger.query.history.PointInTime;
import org.planledger.query.plan.CurrentPlanModel;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-agency workload of a plan, now from the counts the current-plan read model keeps (V53), or at a point in time
 * computed from the history read model: a group named as lead or coordinator counts for each of its members ("through a group"), apart from the
 * agencies named directly. Overdue and due-soon milestones are those of open activities the agency leads, counted
 * from today, or from the day asked for. An agency taking part in an activity both directly and through a group (or
 * through two groups) counts once, as direct when it is named: at a point in time, of its rows the one with the least
 * {@code via_group} ('' when named), found by an anti-join rather than a sort of every participant row.
 */
@RestController
@Tag(name = "Workload", description = "What each agency leads, coordinates, owes and reported")
public class WorkloadQueries {

    /**
     * The current read model: the counts the plan projection keeps per agency (V53), the milestones due per agency and
     * day, the reports that came in.
     */
    private static final String NOW = """
            with counts as (
                select p.agency_id, p.agency_name, p.role, p.status, p.direct, p.activities
                from agency_participation p
                where p.plan_id = :planId and p.activities > 0%1$s
            ), due as (
                select d.agency_id, sum(d.milestones) filter (where d.due < :today) as overdue,
                       sum(d.milestones) filter (where d.due >= :today and d.due <= :soon) as due_soon
                from agency_lead_due d
                where d.plan_id = :planId and d.milestones > 0
                group by d.agency_id
            ), rep as (
                select r.agency_id, count(*) filter (where r.review <> 'RETURNED') as submitted,
                       count(*) filter (where r.review <> 'RETURNED' and not r.on_time) as late,
                       count(*) filter (where r.review = 'AWAITING_REVIEW') as awaiting,
                       count(*) filter (where r.review = 'RETURNED') as returned
                from report_view r join activity_view a on a.activity_id = r.activity_id
                where a.plan_id = :planId
                group by r.agency_id
            )
            """;

    private static final String NOW_WORKLOAD = """
            select c.agency_id, max(c.agency_name) as agency_name,
                   coalesce(sum(activities) filter (where role = 'LEAD' and status = 'OPEN'), 0) as led_open,
                   coalesce(sum(activities) filter (where role = 'LEAD' and status = 'COMPLETED'), 0) as led_completed,
                   coalesce(sum(activities) filter (where role = 'LEAD' and status = 'CANCELLED'), 0) as led_cancelled,
                   coalesce(sum(activities) filter (where role = 'LEAD' and direct), 0) as led_direct,
                   coalesce(sum(activities) filter (where role = 'LEAD' and not direct), 0) as led_through_group,
                   coalesce(sum(activities) filter (where role = 'COORDINATOR' and status = 'OPEN'), 0) as coordinated_open,
                   coalesce(sum(activities) filter (where role = 'COORDINATOR' and status = 'COMPLETED'), 0)
                       as coordinated_completed,
                   coalesce(sum(activities) filter (where role = 'COORDINATOR' and status = 'CANCELLED'), 0)
                       as coordinated_cancelled,
                   coalesce(sum(activities) filter (where role = 'COORDINATOR' and direct), 0) as coordinated_direct,
                   coalesce(sum(activities) filter (where role = 'COORDINATOR' and not direct), 0)
                       as coordinated_through_group,
                   coalesce(max(due.overdue), 0) as overdue, coalesce(max(due.due_soon), 0) as due_soon,
                   coalesce(max(rep.submitted), 0) as reports_submitted,
                   coalesce(max(rep.late), 0) as reports_late,
                   coalesce(max(rep.awaiting), 0) as reports_awaiting,
                   coalesce(max(rep.returned), 0) as reports_returned,
                   coalesce(max(urg.notices), 0) as urging_notices, max(urg.last_urged_on) as last_urged_on
            from counts c
            left join due on due.agency_id = c.agency_id
            left join rep on rep.agency_id = c.agency_id
            left join urg on urg.agency_id = c.agency_id
            group by c.agency_id
            order by c.agency_id""";

    /** The same at a point in time, from the history read model (see V11__history_functions.sql). */
    private static final String AT = """
            with act as materialized (
                select * from history_activities_at(:g, :planId, cast(:axis as char), :t, :d)
            ), part as (
                select p.agency_id, p.agency_name, p.role, act.activity_id, act.status, p.via_group = '' as direct
                from act join history_participant p
                  on p.generation = :g and p.activity_id = act.activity_id and p.set_seq = act.set_seq
                where true%1$s and not exists (select 1 from history_participant q where q.generation = p.generation
                                  and q.activity_id = p.activity_id and q.set_seq = p.set_seq
                                  and q.agency_id = p.agency_id and q.role = p.role and q.via_group < p.via_group)
            ), due as (
                select m.activity_id,
                       count(*) filter (where m.due < :today) as overdue,
                       count(*) filter (where m.due >= :today and m.due <= :soon) as due_soon
                from history_milestones_at(:g, :planId, cast(:axis as char), :t, :d) m
                join act on act.activity_id = m.activity_id
                where act.status = 'OPEN' and m.completed_on is null
                group by m.activity_id
            ), rep as (
                select r.agency_id, count(*) filter (where r.review <> 'RETURNED') as submitted,
                       count(*) filter (where r.review <> 'RETURNED' and not r.on_time) as late,
                       count(*) filter (where r.review = 'AWAITING_REVIEW') as awaiting,
                       count(*) filter (where r.review = 'RETURNED') as returned
                from history_reviewed_reports_at(:g, :planId, cast(:axis as char), :t, :d) r
                group by r.agency_id
            )
            """;

    /** The urging notices each agency received, from the audit trail, up to the same point in time. */
    private static final String URGED = """
            , urg as (
                select e.payload -> 'agency' ->> 'id' as agency_id,
                       count(distinct e.payload ->> 'documentNumber') as notices,
                       max(cast(e.payload ->> 'sentOn' as date)) as last_urged_on
                from audit_entry e
                where e.generation = :ga and e.plan_id = :planId and e.event_type = 'AgencyUrged'
                  and e.recorded_at <= :t and (:axis = 'R' or e.effective_on <= :d)
                group by 1
            )
            """;

    private static final String WORKLOAD = """
            select part.agency_id, max(part.agency_name) as agency_name,
                   count(*) filter (where role = 'LEAD' and status = 'OPEN') as led_open,
                   count(*) filter (where role = 'LEAD' and status = 'COMPLETED') as led_completed,
                   count(*) filter (where role = 'LEAD' and status = 'CANCELLED') as led_cancelled,
                   count(*) filter (where role = 'LEAD' and direct) as led_direct,
                   count(*) filter (where role = 'LEAD' and not direct) as led_through_group,
                   count(*) filter (where role = 'COORDINATOR' and status = 'OPEN') as coordinated_open,
                   count(*) filter (where role = 'COORDINATOR' and status = 'COMPLETED') as coordinated_completed,
                   count(*) filter (where role = 'COORDINATOR' and status = 'CANCELLED') as coordinated_cancelled,
                   count(*) filter (where role = 'COORDINATOR' and direct) as coordinated_direct,
                   count(*) filter (where role = 'COORDINATOR' and not direct) as coordinated_through_group,
                   coalesce(sum(due.overdue) filter (where role = 'LEAD'), 0) as overdue,
                   coalesce(sum(due.due_soon) filter (where role = 'LEAD'), 0) as due_soon,
                   coalesce(max(rep.submitted), 0) as reports_submitted,
                   coalesce(max(rep.late), 0) as reports_late,
                   coalesce(max(rep.awaiting), 0) as reports_awaiting,
                   coalesce(max(rep.returned), 0) as reports_returned,
                   coalesce(max(urg.notices), 0) as urging_notices, max(urg.last_urged_on) as last_urged_on
            from part
            left join due on due.activity_id = part.activity_id
            left join rep on rep.agency_id = part.agency_id
            left join urg on urg.agency_id = part.agency_id
            group by part.agency_id
            order by part.agency_id""";

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentPlanModel currentPlan;
    private final Clock clock;
    private final ProjectionGenerations generations;
    private final Decisions decisions;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    WorkloadQueries(NamedParameterJdbcTemplate jdbc, Clock clock, ProjectionGenerations generations,
            Decisions decisions, CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.clock = clock;
        this.generations = generations;
    }

    @GetMapping("/api/plans/{planId}/workload")
    @Operation(summary = "One row per agency: activities led and coordinated, milestones overdue and due in 30 days, "
            + "reports (now, or at asOf/asOfDecision/validAt; overdue and due-soon count from the day asked for)")
    public Workload workload(@PathVariable String planId,
            @Parameter(description = "Recorded time: the workload as the ledger showed it at this instant (ISO instant)")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Effective time: the workload of the plan as in force on this date (ISO date)")
            @RequestParam(required = false) String validAt,
            @Parameter(description = Decisions.AS_OF_DECISION) @RequestParam(required = false) String asOfDecision) {
        return rows(planId, decisions.asOf(planId, asOf, asOfDecision), validAt, null);
    }

    /**
     * The workload with one agency's row only (none when it takes no part): the console's agency page, which needs
     * that row and not the aggregate of every participant row of the plan (220,000 on 10,000 activities).
     */
    public Workload workloadOf(String planId, String asOf, String validAt, String agencyId) {
        return rows(planId, asOf, validAt, java.util.Objects.requireNonNull(agencyId, "agencyId"));
    }

    private Workload rows(String planId, String asOf, String validAt, String agencyId) {
        PointInTime at = PointInTime.parse(asOf, validAt, clock.getZone());
        LocalDate today = at.referenceDay(clock);
        String onlyAgency = agencyId == null ? "" : " and p.agency_id = :agency";
        MapSqlParameterSource params = new MapSqlParameterSource("planId", planId).addValue("agency", agencyId)
                .addValue("today", today).addValue("soon", today.plusDays(30))
                .addValue("ga", generations.live("audit_entry")).addValue("axis", at.axis())
                .addValue("t", at.recordedBound()).addValue("d", at.validBound());
        String sql;
        if (at.isNow()) {
            currentPlan.requireComplete();
            Integer plans = jdbc.queryForObject("select count(*) from plan_view where plan_id = :planId", params,
                    Integer.class);
            if (plans == null || plans == 0) {
                throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + planId);
            }
            sql = NOW.formatted(onlyAgency) + URGED + NOW_WORKLOAD;
        } else {
            params.addValue("g", generations.live("plan_history"));
            Integer plans = jdbc.queryForObject("""
                    select count(*) from history_plan where generation = :g and plan_id = :planId
                      and recorded_at <= :t and (:axis = 'R' or effective_on <= :d)""", params, Integer.class);
            if (plans == null || plans == 0) {
                throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists",
                        "no plan " + planId + (at.asOf() == null ? "" : " recorded by " + at.asOf())
                                + (at.validAt() == null ? "" : " in force on " + at.validAt()));
            }
            sql = AT.formatted(onlyAgency) + URGED + WORKLOAD;
        }
        List<AgencyWorkload> rows = jdbc.query(sql, params, (rs, i) -> {
                    String id = rs.getString("agency_id");
                    return new AgencyWorkload(new Agency(id, rs.getString("agency_name")),
                            directory.find(id).map(a -> a.isGroup()).orElse(false),
                            new Count(rs.getInt("led_open"), rs.getInt("led_completed"), rs.getInt("led_cancelled"),
                                    rs.getInt("led_direct"), rs.getInt("led_through_group")),
                            new Count(rs.getInt("coordinated_open"), rs.getInt("coordinated_completed"),
                                    rs.getInt("coordinated_cancelled"), rs.getInt("coordinated_direct"),
                                    rs.getInt("coordinated_through_group")),
                            rs.getInt("overdue"), rs.getInt("due_soon"),
                            rs.getInt("reports_submitted"), rs.getInt("reports_late"),
                            rs.getInt("reports_awaiting"), rs.getInt("reports_returned"), rs.getInt("urging_notices"),
                            rs.getObject("last_urged_on", LocalDate.class));
                });
        return new Workload(planId, today, rows, at.asOf(), at.validAt());
    }

    /** {@code asOfDay} is the day overdue and due-soon count from; {@code asOf}/{@code validAt} echo the question. */
    public record Workload(String planId, LocalDate asOfDay, List<AgencyWorkload> agencies,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate validAt) {
    }

    public record Agency(String id, String name) {
    }

    /**
     * {@code reportsSubmitted} and {@code reportsLate} count the reports that stand: accepted ones and, for now, those
     * awaiting review ({@code reportsAwaitingReview} of them); a returned report ({@code reportsReturned}) does not
     * count, the report that answers it does. {@code urgingNotices} counts the notices the agency received
     * ({@code lastUrgedOn}: the latest one's date).
     */
    public record AgencyWorkload(Agency agency, boolean group, Count led, Count coordinated, int milestonesOverdue,
            int milestonesDueNext30Days, int reportsSubmitted, int reportsLate, int reportsAwaitingReview,
            int reportsReturned, int urgingNotices, @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate lastUrgedOn) {
    }

    /** Activities by status, and how many of them name the agency directly or reach it through a group. */
    public record Count(int open, int completed, int cancelled, int direct, int throughGroup) {
    }
}
