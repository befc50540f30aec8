package org.planledger.query.console;

import java.time.Clock;
import org.planledger.query.history.BaselineQueries;
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
            @RequestParam(required = false) String to, Model model) {
        PlanView plan = plans.withoutActivities(planId);
        String start = from == null || from.isBlank() ? PlanPages.adopted(plan).toString() : from.trim();
        String end = to == null || to.isBlank() ? null : to.trim();
        model.addAttribute("baseline", baselines.baseline(planId, TimeTravel.instantOf(start, clock),
                TimeTravel.instantOf(end, clock), null, null));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("planId", planId);
        model.addAttribute("planTitle", plan.title());
        model.addAttribute("presets", TimeTravel.presets(PlanPages.adopted(plan), clock));
        return "console/baseline";
    }
}
