package org.planledger.query.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planledger.query.history.Decisions;
import org.planledger.query.history.PointInTime;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The plan and its activities: now, from the read model {@link PlanProjection} keeps; at a point in time
 * ({@code asOf}, {@code validAt}), from the history read model of {@code PlanHistoryProjection}, through the SQL
 * functions {@code history_activities_at}, {@code history_milestones_at} and {@code history_reviewed_reports_at}.
 */
@RestController
@Tag(name = "Plan", description = "The plan as the ledger shows it now, or at a point in time")
public class PlanQueries {

    static final String AS_OF = "Recorded time: the plan exactly as the ledger showed it at this instant "
            + "(ISO instant, e.g. 2024-06-20T10:00:00Z; a date means the end of that day in the ledger's zone)";
    static final String VALID_AT = "Effective time: the plan as in force on this date (ISO date), counting every "
            + "change in force on or before it, including changes recorded later; with asOf, only what was recorded by then";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ProjectionGenerations generations;
    private final ZoneId zone;
    private final Decisions decisions;
    private final CurrentPlanDocuments documents;
    private final CurrentPlanModel currentPlan;

    PlanQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json, ProjectionGenerations generations,
            @Value("${planledger.zone}") ZoneId zone, Decisions decisions, CurrentPlanDocuments documents,
            CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.decisions = decisions;
        this.documents = documents;
        this.jdbc = jdbc;
        this.json = json;
        this.generations = generations;
        this.zone = zone;
    }

    /** The plan now, or at asOf/validAt (for the console). */
    public PlanView plan(String planId, String asOf, String validAt) {
        return plan(planId, PointInTime.parse(asOf, validAt, zone));
    }

    /**
     * The plan now, or at asOf/validAt, with only the given activities (ids; in printed order): the console's plan
     * page reads the activities of the page it shows, not the plan's 10,000.
     */
    public PlanView planShowing(String planId, String asOf, String validAt, Collection<String> activityIds) {
        PointInTime at = PointInTime.parse(asOf, validAt, zone);
        if (at.isNow()) {
            PlanHeader header = header(planId);
            return new PlanView(header.planId(), header.title(), header.year(), header.decision(),
                    activityIds.isEmpty() ? List.of() : activities(planId, activityIds, false), null, null);
        }
        History history = new History(planId, at);
        PlanHeader header = history.header();
        return new PlanView(header.planId(), header.title(), header.year(), header.decision(),
                activityIds.isEmpty() ? List.of() : history.activities(activityIds, false), at.asOf(), at.validAt());
    }

    /** One activity now, or at asOf/validAt (for the console). */
    public ActivityView activity(String planId, String code, String asOf, String validAt) {
        return activity(planId, code, asOf, validAt, null);
    }

    @GetMapping("/api/plans/{planId}")
    @Operation(summary = "The plan with every activity, its lead, coordinators and milestones (now, or at asOf/validAt)",
            description = "The current plan carries an entity tag (ETag) of the read model's state; sent back in "
                    + "If-None-Match, it is answered 304 without a body while the plan has not changed.")
    @ApiResponse(responseCode = "200", description = "the plan",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PlanView.class)))
    @ApiResponse(responseCode = "304", description = "the current plan has not changed since the entity tag sent in "
            + "If-None-Match", content = @Content)
    public ResponseEntity<Object> planAnswer(@PathVariable String planId,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = VALID_AT) @RequestParam(required = false) String validAt,
            @Parameter(description = Decisions.AS_OF_DECISION) @RequestParam(required = false) String asOfDecision) {
        PointInTime at = PointInTime.parse(decisions.asOf(planId, asOf, asOfDecision), validAt, zone);
        if (!at.isNow()) {
            return ResponseEntity.ok(plan(planId, at));
        }
        // Spring answers 304 itself when the request's If-None-Match holds this tag
        CurrentPlanDocuments.Document document = documents.current(planId, () -> plan(planId, at));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(document.etag()).body(document.json());
    }

    private PlanView plan(String planId, PointInTime at) {
        if (at.isNow()) {
            PlanHeader header = header(planId);
            return new PlanView(header.planId(), header.title(), header.year(), header.decision(),
                    activities(planId, null, false), null, null);
        }
        History history = new History(planId, at);
        PlanHeader header = history.header();
        return new PlanView(header.planId(), header.title(), header.year(), header.decision(),
                history.activities(null, false), at.asOf(), at.validAt());
    }

    @GetMapping("/api/plans/{planId}/activities/{code}")
    @Operation(summary = "One activity with its milestones and the reports submitted on it (now, or at asOf/validAt)")
    public ActivityView activity(@PathVariable String planId, @PathVariable String code,
            @Parameter(description = AS_OF) @RequestParam(required = false) String asOf,
            @Parameter(description = VALID_AT) @RequestParam(required = false) String validAt,
            @Parameter(description = Decisions.AS_OF_DECISION) @RequestParam(required = false) String asOfDecision) {
        PointInTime at = PointInTime.parse(decisions.asOf(planId, asOf, asOfDecision), validAt, zone);
        List<ActivityView> found;
        if (at.isNow()) {
            header(planId);
            found = activities(planId, List.of(ActivityId.of(planId, code)), true);
        } else {
            History history = new History(planId, at);
            history.header();
            found = history.activities(List.of(ActivityId.of(planId, code)), true);
        }
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_ACTIVITY, "code", "activity-exists",
                    "plan " + planId + " has no activity " + code + (at.isNow() ? "" : " " + describe(at)));
        }
        return found.get(0);
    }

    private static String describe(PointInTime at) {
        return (at.asOf() == null ? "" : "recorded by " + at.asOf())
                + (at.asOf() != null && at.validAt() != null ? " and " : "")
                + (at.validAt() == null ? "" : "in force on " + at.validAt());
    }

    /** The plan at a point in time, from the history read model (live generation). */
    private final class History {

        private final String planId;
        private final PointInTime at;
        private final MapSqlParameterSource params;

        History(String planId, PointInTime at) {
            this.planId = planId;
            this.at = at;
            this.params = new MapSqlParameterSource("g", generations.live("plan_history"))
                    .addValue("planId", planId).addValue("axis", at.axis())
                    .addValue("t", at.recordedBound()).addValue("d", at.validBound());
        }

        PlanHeader header() {
            List<PlanHeader> plans = jdbc.query("""
                    select * from history_plan where generation = :g and plan_id = :planId
                      and recorded_at <= :t and (:axis = 'R' or effective_on <= :d)""", params,
                    (rs, i) -> new PlanHeader(rs.getString("plan_id"), rs.getString("title"), rs.getInt("year"),
                            new Decision(rs.getString("decision_number"), rs.getObject("decision_date", LocalDate.class))));
            if (plans.isEmpty()) {
                throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists",
                        "no plan " + planId + " " + describe(at));
            }
            return plans.get(0);
        }

        /** Every activity (ids null) or the given ones; {@code one}: a single activity, with its reports. */
        List<ActivityView> activities(Collection<String> ids, boolean one) {
            params.addValue("only", ids == null ? List.of("") : ids)
                    .addValue("activities", ids == null ? null : ids.toArray(String[]::new));
            String args = "(:g, :planId, cast(:axis as char), :t, :d)";
            // some activities: the functions that read only their rows (V52), not the whole plan's
            String of = ids == null ? args : "(:g, :planId, cast(:axis as char), :t, :d, cast(:activities as varchar[]))";
            Map<String, List<Milestone>> milestones = new LinkedHashMap<>();
            jdbc.query("select * from history_milestones_at" + of
                    + " m order by m.activity_id, m.position", params, rs -> {
                        LocalDate completedOn = rs.getObject("completed_on", LocalDate.class);
                        milestones.computeIfAbsent(rs.getString("activity_id"), k -> new ArrayList<>()).add(new Milestone(
                                rs.getString("milestone_id"), rs.getString("product"), rs.getObject("due", LocalDate.class),
                                rs.getObject("original_due", LocalDate.class), rs.getString("printed"),
                                read(rs.getString("rule")), completedOn == null ? "OPEN" : "COMPLETED", completedOn,
                                (Boolean) rs.getObject("on_time")));
                    });
            Map<String, List<Report>> reports = new LinkedHashMap<>();
            if (one) {
                jdbc.query("select * from history_reviewed_reports_at" + args
                        + " r where r.activity_id in (:only) order by r.recorded_at, r.report_id", params, rs -> {
                            reports.computeIfAbsent(rs.getString("activity_id"), k -> new ArrayList<>()).add(report(rs));
                        });
            }
            return jdbc.query("select * from history_activities_at" + of
                    + " a order by printed_order(a.code), a.activity_id",
                    params, (rs, i) -> {
                        String id = rs.getString("activity_id");
                        String leadId = rs.getString("lead_id");
                        List<Agency> coordinators = new ArrayList<>();
                        String stored = rs.getString("coordinators");
                        if (stored != null) {
                            read(stored).forEach(c -> coordinators.add(new Agency(c.get("id").asText(), c.get("name").asText())));
                        }
                        List<Agency> jointLeads = new ArrayList<>();
                        read(rs.getString("joint_leads")).forEach(c -> jointLeads.add(new Agency(c.get("id").asText(), c.get("name").asText())));
                        return new ActivityView(rs.getString("code"), rs.getString("section"), rs.getString("title"),
                                read(rs.getString("products")), rs.getString("timeline"), rs.getString("notes"),
                                leadId == null ? null : new Agency(leadId, rs.getString("lead_name")), jointLeads, coordinators,
                                rs.getString("status"), rs.getLong("version"), milestones.getOrDefault(id, List.of()),
                                one ? reports.getOrDefault(id, List.of()) : null,
                                one ? at.asOf() : null, one ? at.validAt() : null);
                    });
        }
    }

    private static Report report(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Report(rs.getString("report_id"), new Agency(rs.getString("agency_id"), rs.getString("agency_name")),
                rs.getString("milestone_id"), rs.getString("period"), rs.getString("summary"),
                rs.getString("document_number"), rs.getObject("sent_on", LocalDate.class),
                rs.getObject("due_in_force", LocalDate.class), rs.getBoolean("on_time"), rs.getString("answers"),
                rs.getString("review"), rs.getString("review_reason"), rs.getObject("reviewed_on", LocalDate.class));
    }

    /**
     * The plan's title, year and decision, without its activities: what the console's pages other than the plan page
     * show above their content (loading 10,000 activities for a title cost those pages most of their time).
     */
    public PlanView withoutActivities(String planId) {
        PlanHeader header = header(planId);
        return new PlanView(header.planId(), header.title(), header.year(), header.decision(), List.of(), null, null);
    }

    /** The current plan's header; every read of the current plan begins here. */
    private PlanHeader header(String planId) {
        currentPlan.requireComplete();
        List<PlanHeader> plans = jdbc.query("select * from plan_view where plan_id = :planId", Map.of("planId", planId),
                (rs, i) -> new PlanHeader(rs.getString("plan_id"), rs.getString("title"), rs.getInt("year"),
                        new Decision(rs.getString("decision_number"), rs.getObject("decision_date", LocalDate.class))));
        if (plans.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + planId);
        }
        return plans.get(0);
    }

    /**
     * All activities of the plan (ids null) or the given ones; {@code one}: a single activity, with its reports. Four
     * queries whatever the number of activities.
     */
    private List<ActivityView> activities(String planId, Collection<String> ids, boolean one) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("planId", planId);
        params.put("only", ids == null ? List.of("") : ids);
        String filter = " where a.plan_id = :planId" + (ids == null ? "" : " and a.activity_id in (:only)");

        Map<String, List<Agency>> coordinators = new LinkedHashMap<>();
        Map<String, List<Agency>> jointLeads = new LinkedHashMap<>();
        jdbc.query("""
                select p.activity_id, p.agency_id, p.agency_name, p.role from activity_participant p
                join activity_view a on a.activity_id = p.activity_id""" + filter
                + " and p.via_group = '' and (p.role = 'COORDINATOR' or p.position > 0)"
                + " order by p.activity_id, p.position", params, rs -> {
                    (rs.getString(4).equals("LEAD") ? jointLeads : coordinators)
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Agency(rs.getString(2), rs.getString(3)));
                });
        Map<String, List<Milestone>> milestones = new LinkedHashMap<>();
        jdbc.query("""
                select m.* from milestone_view m join activity_view a on a.activity_id = m.activity_id"""
                + filter + " order by m.activity_id, m.position", params, rs -> {
                    milestones.computeIfAbsent(rs.getString("activity_id"), k -> new ArrayList<>()).add(new Milestone(
                            rs.getString("milestone_id"), rs.getString("product"), rs.getObject("due", LocalDate.class),
                            rs.getObject("original_due", LocalDate.class), rs.getString("printed"),
                            read(rs.getString("rule")), rs.getString("status"),
                            rs.getObject("completed_on", LocalDate.class), (Boolean) rs.getObject("on_time")));
                });
        Map<String, List<Report>> reports = new LinkedHashMap<>();
        if (one) {
            jdbc.query("select r.* from report_view r join activity_view a on a.activity_id = r.activity_id" + filter
                    + " order by r.recorded_at, r.report_id", params, rs -> {
                        reports.computeIfAbsent(rs.getString("activity_id"), k -> new ArrayList<>()).add(report(rs));
                    });
        }
        return jdbc.query("select a.* from activity_view a" + filter
                + " order by printed_order(a.code), a.activity_id", params, (rs, i) -> {
                    String id = rs.getString("activity_id");
                    String leadId = rs.getString("lead_id");
                    return new ActivityView(rs.getString("code"), rs.getString("section"), rs.getString("title"),
                            read(rs.getString("products")), rs.getString("timeline"), rs.getString("notes"),
                            leadId == null ? null : new Agency(leadId, rs.getString("lead_name")),
                            jointLeads.getOrDefault(id, List.of()), coordinators.getOrDefault(id, List.of()), rs.getString("status"), rs.getLong("version"),
                            milestones.getOrDefault(id, List.of()),
                            one ? reports.getOrDefault(id, List.of()) : null, null, null);
                });
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable json in read model: " + value, e);
        }
    }

    public record PlanHeader(String planId, String title, int year, Decision decision) {
    }

    public record Decision(String number, LocalDate date) {
    }

    /** {@code asOf} and {@code validAt} echo the point in time asked for; absent for the current plan. */
    public record PlanView(String planId, String title, int year, Decision decision, List<ActivityView> activities,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate validAt) {
    }

    public record Agency(String id, String name) {
    }

    public record ActivityView(String code, String section, String title, JsonNode products, String timeline, String notes,
            Agency lead, List<Agency> jointLeads, List<Agency> coordinators, String status, long version,
            List<Milestone> milestones, @JsonInclude(JsonInclude.Include.NON_NULL) List<Report> reports,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate validAt) {
    }

    public record Milestone(String id, String product, LocalDate due, LocalDate originalDue, String printed, JsonNode rule,
            String status, LocalDate completedOn, Boolean completedOnTime) {
    }

    /**
     * A report with its review: {@code review} is AWAITING_REVIEW, ACCEPTED or RETURNED (then {@code reviewReason}
     * says why); {@code answers} names the returned report it answers.
     */
    public record Report(String reportId, Agency agency, String milestoneId, String period, String summary,
            String documentNumber, LocalDate sentOn, LocalDate dueInForce, boolean onTime,
            @JsonInclude(JsonInclude.Include.NON_NULL) String answers, String review,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reviewReason,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate reviewedOn) {
    }
}
