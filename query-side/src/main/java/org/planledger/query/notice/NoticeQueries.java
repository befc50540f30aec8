package org.planledger.query.notice;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.planledger.query.history.Decisions;
import org.planledger.query.history.PointInTime;
import org.planledger.query.plan.CurrentPlanModel;
import org.planledger.query.support.ProjectionGenerations;
import org.planledger.query.support.TimeParameters;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Urging notices (công văn đôn đốc): what to urge an agency about on a day, and the notices it received. Notices are
 * read from the audit trail (one {@code AgencyUrged} entry per activity a notice names), so they are as of any
 * recorded time or effective date the audit trail answers for.
 */
@RestController
@Tag(name = "Urging notices", description = "What to urge an agency about, and the notices it received")
public class NoticeQueries {

    static final int DEFAULT_DAYS = 15;
    static final int MAX_DAYS = 366;

    /** The open milestones of open activities the agency leads (directly or through a group), due by :until. */
    private static final String PROPOSAL = """
            select a.code, a.title, m.milestone_id, m.product, m.due,
                   (select max(n.sent_on) from urged n
                     where n.activity_id = m.activity_id and n.milestone_id = m.milestone_id) as last_urged_on
            from milestone_view m join activity_view a on a.activity_id = m.activity_id
            where a.plan_id = :planId and a.status = 'OPEN' and m.status = 'OPEN' and m.due is not null
              and m.due <= :until
              and exists (select 1 from activity_participant p
                          where p.activity_id = a.activity_id and p.agency_id = :agency and p.role = 'LEAD')
            order by m.due, a.registered_at, m.position""";

    /** Each milestone a notice to the agency named, up to a point in time. */
    private static final String URGED = """
            with urged as (
                select e.activity_id, e.code, e.seq, e.recorded_at, e.effective_on,
                       e.payload ->> 'documentNumber' as document_number,
                       cast(e.payload ->> 'sentOn' as date) as sent_on,
                       m ->> 'milestoneId' as milestone_id, cast(m ->> 'dueInForce' as date) as due_in_force,
                       cast(m ->> 'overdue' as boolean) as overdue
                from audit_entry e cross join lateral jsonb_array_elements(e.payload -> 'milestones') m
                where e.generation = :ga and e.plan_id = :planId and e.event_type = 'AgencyUrged'
                  and e.payload -> 'agency' ->> 'id' = :agency
                  and e.recorded_at <= :t and (:axis = 'R' or e.effective_on <= :d)
            )
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentPlanModel currentPlan;
    private final Clock clock;
    private final ProjectionGenerations generations;
    private final ObjectMapper json;
    private final Decisions decisions;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    NoticeQueries(NamedParameterJdbcTemplate jdbc, Clock clock, ProjectionGenerations generations, ObjectMapper json,
            Decisions decisions, CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.clock = clock;
        this.generations = generations;
        this.json = json;
    }

    @GetMapping("/api/plans/{planId}/agencies/{agencyId}/urging-proposal")
    @Operation(summary = "The milestones to urge an agency about on a day: those of the open activities it leads "
            + "that are overdue, and those due within 'days' (default 15), each with the last notice that named it")
    public UrgingProposal proposal(@PathVariable String planId, @PathVariable String agencyId,
            @Parameter(description = "the day the notice would be sent (ISO date, default today)")
            @RequestParam(required = false) String on,
            @Parameter(description = "how many days ahead count as due soon (0 to 366, default 15)")
            @RequestParam(required = false) Integer days) {
        String agency = agency(agencyId);
        LocalDate day = on == null ? LocalDate.now(clock) : TimeParameters.date("on", on);
        int ahead = days == null ? DEFAULT_DAYS : days;
        if (ahead < 0 || ahead > MAX_DAYS) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "days", "0-to-366", "days is 0 to 366, not " + ahead);
        }
        requirePlan(planId);
        MapSqlParameterSource params = urgedUpTo(planId, agency, PointInTime.NOW)
                .addValue("until", day.plusDays(ahead));
        List<ProposedMilestone> overdue = new ArrayList<>();
        List<ProposedMilestone> dueSoon = new ArrayList<>();
        jdbc.query(URGED + PROPOSAL, params, rs -> {
            LocalDate due = rs.getObject("due", LocalDate.class);
            ProposedMilestone m = new ProposedMilestone(rs.getString("code"), rs.getString("title"),
                    rs.getString("milestone_id"), rs.getString("product"), due,
                    rs.getObject("last_urged_on", LocalDate.class));
            (due.isBefore(day) ? overdue : dueSoon).add(m);
        });
        return new UrgingProposal(planId, agency, directory.get(agency).name(), day, ahead, overdue, dueSoon);
    }

    @GetMapping("/api/plans/{planId}/agencies/{agencyId}/notices")
    @Operation(summary = "The urging notices an agency received, each with the milestones it named (now, or at "
            + "asOf/asOfDecision/validAt)")
    public List<Notice> notices(@PathVariable String planId, @PathVariable String agencyId,
            @Parameter(description = "Recorded time: the notices the ledger held at this instant (ISO instant)")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "Effective time: the notices sent by this date (ISO date)")
            @RequestParam(required = false) String validAt,
            @Parameter(description = Decisions.AS_OF_DECISION) @RequestParam(required = false) String asOfDecision) {
        String agency = agency(agencyId);
        requirePlan(planId);
        PointInTime at = PointInTime.parse(decisions.asOf(planId, asOf, asOfDecision), validAt, clock.getZone());
        Map<String, Notice> notices = new LinkedHashMap<>();
        jdbc.query(URGED + """
                select * from urged order by sent_on, document_number, seq, milestone_id""",
                urgedUpTo(planId, agency, at), rs -> {
                    String number = rs.getString("document_number");
                    Notice notice = notices.computeIfAbsent(number, n -> {
                        try {
                            return new Notice(n, rs.getObject("sent_on", LocalDate.class),
                                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    notice.milestones().add(new NamedMilestone(ActivityId.codeOf(rs.getString("activity_id")),
                            rs.getString("milestone_id"), rs.getObject("due_in_force", LocalDate.class),
                            rs.getBoolean("overdue")));
                });
        return List.copyOf(notices.values());
    }

    private MapSqlParameterSource urgedUpTo(String planId, String agency, PointInTime at) {
        return new MapSqlParameterSource("planId", planId).addValue("agency", agency)
                .addValue("ga", generations.live("audit_entry")).addValue("axis", at.axis())
                .addValue("t", at.recordedBound()).addValue("d", at.validBound());
    }

    private String agency(String agencyId) {
        return directory.find(agencyId).map(a -> a.id()).orElseThrow(() -> new LedgerException(
                ErrorCode.UNKNOWN_AGENCY, "agencyId", "agency-exists", "no agency " + clip(agencyId) + " in the directory"));
    }

    private void requirePlan(String planId) {
        currentPlan.requireComplete();
        Integer plans = jdbc.queryForObject("select count(*) from plan_view where plan_id = :planId",
                Map.of("planId", planId), Integer.class);
        if (plans == null || plans == 0) {
            throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + clip(planId));
        }
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** What to urge an agency about on {@code on}: overdue milestones, and those due within {@code days}. */
    public record UrgingProposal(String planId, String agencyId, String agencyName, LocalDate on, int days,
            List<ProposedMilestone> overdue, List<ProposedMilestone> dueSoon) {
    }

    /** A milestone to urge about; {@code lastUrgedOn} is when a notice to the agency last named it, or null. */
    public record ProposedMilestone(String code, String activityTitle, String milestoneId, String product, LocalDate due,
            @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate lastUrgedOn) {
    }

    /** A notice the agency received: its number, the day it was sent, when it was recorded, what it named. */
    public record Notice(String documentNumber, LocalDate sentOn, Instant recordedAt, List<NamedMilestone> milestones) {
    }

    /** A milestone a notice named, with its due date then and whether it was already overdue. */
    public record NamedMilestone(String code, String milestoneId, LocalDate dueInForce, boolean overdue) {
    }
}
