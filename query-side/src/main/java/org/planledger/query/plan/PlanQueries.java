package org.planledger.query.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The current plan and its activities, from the read model {@link PlanProjection} keeps. */
@RestController
@Tag(name = "Plan", description = "The plan as the ledger shows it now")
class PlanQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    PlanQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @GetMapping("/api/plans/{planId}")
    @Operation(summary = "The plan with every activity, its lead, coordinators and milestones")
    PlanView plan(@PathVariable String planId) {
        PlanHeader header = header(planId);
        return new PlanView(header.planId(), header.title(), header.year(), header.decision(), activities(planId, null));
    }

    @GetMapping("/api/plans/{planId}/activities/{code}")
    @Operation(summary = "One activity with its milestones and the reports submitted on it")
    ActivityView activity(@PathVariable String planId, @PathVariable String code) {
        header(planId);
        List<ActivityView> found = activities(planId, ActivityId.of(planId, code));
        if (found.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_ACTIVITY, "code", "activity-exists",
                    "plan " + planId + " has no activity " + code);
        }
        return found.get(0);
    }

    private PlanHeader header(String planId) {
        List<PlanHeader> plans = jdbc.query("select * from plan_view where plan_id = :planId", Map.of("planId", planId),
                (rs, i) -> new PlanHeader(rs.getString("plan_id"), rs.getString("title"), rs.getInt("year"),
                        new Decision(rs.getString("decision_number"), rs.getObject("decision_date", LocalDate.class))));
        if (plans.isEmpty()) {
            throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + planId);
        }
        return plans.get(0);
    }

    /** All activities of the plan, or just one; four queries whatever the number of activities. */
    private List<ActivityView> activities(String planId, String onlyActivityId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("planId", planId);
        params.put("only", onlyActivityId == null ? "" : onlyActivityId);
        String filter = " where a.plan_id = :planId and (:only = '' or a.activity_id = :only)";

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
        if (onlyActivityId != null) {
            jdbc.query("select r.* from report_view r join activity_view a on a.activity_id = r.activity_id" + filter
                    + " order by r.recorded_at, r.report_id", params, rs -> {
                        reports.computeIfAbsent(rs.getString("activity_id"), k -> new ArrayList<>()).add(new Report(
                                rs.getString("report_id"), new Agency(rs.getString("agency_id"), rs.getString("agency_name")),
                                rs.getString("milestone_id"), rs.getString("period"), rs.getString("summary"),
                                rs.getString("document_number"), rs.getObject("sent_on", LocalDate.class),
                                rs.getObject("due_in_force", LocalDate.class), rs.getBoolean("on_time")));
                    });
        }
        return jdbc.query("select a.* from activity_view a" + filter
                + " order by a.registered_at, a.activity_id", params, (rs, i) -> {
                    String id = rs.getString("activity_id");
                    String leadId = rs.getString("lead_id");
                    return new ActivityView(rs.getString("code"), rs.getString("section"), rs.getString("title"),
                            read(rs.getString("products")), rs.getString("timeline"), rs.getString("notes"),
                            leadId == null ? null : new Agency(leadId, rs.getString("lead_name")),
                            jointLeads.getOrDefault(id, List.of()), coordinators.getOrDefault(id, List.of()), rs.getString("status"), rs.getLong("version"),
                            milestones.getOrDefault(id, List.of()),
                            onlyActivityId == null ? null : reports.getOrDefault(id, List.of()));
                });
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable json in read model: " + value, e);
        }
    }

    record PlanHeader(String planId, String title, int year, Decision decision) {
    }

    record Decision(String number, LocalDate date) {
    }

    record PlanView(String planId, String title, int year, Decision decision, List<ActivityView> activities) {
    }

    record Agency(String id, String name) {
    }

    record ActivityView(String code, String section, String title, JsonNode products, String timeline, String notes,
            Agency lead, List<Agency> jointLeads, List<Agency> coordinators, String status, long version, List<Milestone> milestones,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Report> reports) {
    }

    record Milestone(String id, String product, LocalDate due, LocalDate originalDue, String printed, JsonNode rule,
            String status, LocalDate completedOn, Boolean completedOnTime) {
    }

    record Report(String reportId, Agency agency, String milestoneId, String period, String summary,
            String documentNumber, LocalDate sentOn, LocalDate dueInForce, boolean onTime) {
    }
}
