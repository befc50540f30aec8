package org.planledger.query.console;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.planledger.query.history.BaselineQueries;
import org.planledger.query.history.BaselineQueries.Baseline;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.PlanView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Page 4: what changed between two recorded points in time (the API's baseline), from the plan's adoption by default. */
@Controller
class BaselinePage {

    private final BaselineQueries baselines;
    private final PlanQueries plans;
    private final Clock clock;

    BaselinePage(BaselineQueries baselines, PlanQueries plans, Clock clock) {
        this.baselines = baselines;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping("/ui/plans/{planId}/baseline")
    String baseline(@PathVariable String planId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String page, Model model) {
        PlanView plan = plans.withoutActivities(planId);
        String start = from == null || from.isBlank() ? PlanPages.adopted(plan).toString() : from.trim();
        String end = to == null || to.isBlank() ? null : to.trim();
        // from a plan's adoption every activity is added: each list is read and shown 250 a page (in PostgreSQL),
        // the totals count them all
        Baseline shown = baselines.window(planId, TimeTravel.instantOf(start, clock), TimeTravel.instantOf(end, clock),
                new BaselineQueries.Window(totals -> paging(page, totals).first(), PlanPages.Paging.SIZE));
        model.addAttribute("baseline", shown);
        model.addAttribute("paging", paging(page, shown.totals()));
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("from", from);
        kept.put("to", to);
        model.addAttribute("pageLink", PlanPages.Paging.link("/ui/plans/{planId}/baseline", planId, kept));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("planId", planId);
        model.addAttribute("planTitle", plan.title());
        model.addAttribute("presets", TimeTravel.presets(PlanPages.adopted(plan), clock));
        return "console/baseline";
    }

    /** The page asked for among as many pages as the longest list needs (past the last: the last). */
    private static PlanPages.Paging paging(String page, BaselineQueries.Totals totals) {
        return PlanPages.Paging.of(page, java.util.stream.IntStream.of(totals.activitiesAdded(),
                totals.activitiesCancelled(), totals.reassignments(), totals.deadlinesMoved(),
                totals.reportsSubmitted(), totals.milestonesCompleted()).max().orElse(0));
    }
}
