package org.planledger.query.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Locale;
import org.springframework.context.MessageSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.query.audit.AuditQueries;
import org.planledger.query.notice.NoticeQueries;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.PlanView;
import org.planledger.query.workload.WorkloadQueries;
import org.planledger.query.workload.WorkloadQueries.AgencyWorkload;
import org.planledger.query.workload.WorkloadQueries.Workload;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Page 5: every agency's workload (the API's), and one agency with charts, its overdue list, the urging notices it
 * received and its changes.
 */
@Controller
class AgencyPages {

    private final WorkloadQueries workloads;
    private final PlanQueries plans;
    private final AuditQueries audit;
    private final NoticeQueries notices;
    private final PlanTable table;
    private final Clock clock;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    AgencyPages(WorkloadQueries workloads, PlanQueries plans, AuditQueries audit, NoticeQueries notices,
            PlanTable table, Clock clock, MessageSource messages, ObjectMapper json) {
        this.table = table;
        this.notices = notices;
        this.messages = messages;
        this.json = json;
        this.workloads = workloads;
        this.plans = plans;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/ui/plans/{planId}/agencies")
    String agencies(@PathVariable String planId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String validAt, Model model) {
        TimeTravel time = TimeTravel.of(asOf, validAt, clock);
        PlanView plan = plans.withoutActivities(planId);
        Workload workload = workloads.workload(planId, time.asOf(), time.validAt(), null);
        model.addAttribute("workload", workload);
        PlanPages.page(model, planId, plan, time, clock);
        return "console/agencies";
    }

    @GetMapping("/ui/plans/{planId}/agencies/{agencyId}")
    String agency(@PathVariable String planId, @PathVariable String agencyId, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String validAt, @RequestParam(required = false) String urged,
            @RequestParam(required = false) boolean pending, @RequestParam(required = false) String page, Model model,
            Locale locale) throws JsonProcessingException {
        TimeTravel time = TimeTravel.of(asOf, validAt, clock);
        Agency agency = directory.find(agencyId).orElseThrow(() -> new LedgerException(ErrorCode.UNKNOWN_AGENCY,
                "agencyId", "agency-known", "'" + agencyId + "' is not an agency of the directory"));
        Workload workload = workloads.workloadOf(planId, time.asOf(), time.validAt(), agency.id());
        AgencyWorkload row = workload.agencies().stream().filter(w -> w.agency().id().equals(agency.id())).findFirst()
                .orElse(null);
        LocalDate day = workload.asOfDay();
        Set<String> ids = new java.util.HashSet<>(directory.groupIdsContaining(agency.id()));
        ids.add(agency.id());
        // counted by PostgreSQL over the agency's activities; only the overdue ones are read
        PlanTable.AgencyFigures figures = table.agency(planId, time.at(), day, ids);
        // every overdue activity counted, 250 a page read and shown (Sở Nội vụ's group coordinates thousands)
        PlanPages.Paging paging = PlanPages.Paging.of(page, figures.overdue().size());
        PlanView plan = plans.planShowing(planId, time.asOf(), time.validAt(), paging.of(figures.overdue()));
        Map<String, Integer> milestones = figures.milestones();
        int completed = figures.completed();
        int onTime = figures.onTime();
        long slipped = figures.slipped();
        List<PlanLine> overdue = new ArrayList<>();
        for (ActivityView activity : plan.activities()) {
            overdue.add(PlanLine.of(activity, day, 0));
        }
        model.addAttribute("participationChart", json.writeValueAsString(Map.of(
                "categories", List.of(label("agencies.led", locale), label("agencies.coordinated", locale)),
                "series", List.of(
                        Map.of("name", label("agency.direct", locale), "data", row == null ? List.of(0, 0)
                                : List.of(row.led().direct(), row.coordinated().direct())),
                        Map.of("name", label("agency.throughGroup", locale), "data", row == null ? List.of(0, 0)
                                : List.of(row.led().throughGroup(), row.coordinated().throughGroup()))))));
        List<Map<String, Object>> slices = new ArrayList<>();
        milestones.forEach((status, n) -> slices.add(Map.of("name", label("status." + status, locale), "value", n)));
        model.addAttribute("milestoneChart", json.writeValueAsString(Map.of("series", slices)));
        model.addAttribute("agency", agency);
        model.addAttribute("row", row);
        model.addAttribute("milestones", milestones);
        model.addAttribute("completed", completed);
        model.addAttribute("onTime", onTime);
        model.addAttribute("onTimeRate", completed == 0 ? null : Math.round(100.0 * onTime / completed));
        model.addAttribute("slipped", slipped);
        model.addAttribute("overdue", overdue);
        model.addAttribute("overdueTotal", figures.overdue().size());
        model.addAttribute("paging", paging);
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        kept.put("asOf", time.asOf());
        kept.put("validAt", time.validAt());
        model.addAttribute("pageLink", PlanPages.Paging.link("/ui/plans/{planId}/agencies/" + agency.id(), planId, kept));
        model.addAttribute("changes", audit.audit(planId, agency.id(), null, null, null,
                time.at().asOf() == null ? null : time.at().asOf().toString(), null, 100).entries());
        model.addAttribute("notices", notices.notices(planId, agency.id(), time.asOf(), time.validAt(), null));
        model.addAttribute("urged", urged);
        model.addAttribute("pending", pending);
        model.addAttribute("day", day);
        PlanPages.page(model, planId, plan, time, clock);
        return "console/agency";
    }


    private String label(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
