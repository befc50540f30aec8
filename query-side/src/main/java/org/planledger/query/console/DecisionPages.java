package org.planledger.query.console;

import java.time.Clock;
import org.planledger.query.history.Decisions;
import org.planledger.query.plan.PlanQueries;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The plan's amendment decisions (Quyết định điều chỉnh, bổ sung): each with its number, date, day in force, summary
 * and changes, and links to the plan as recorded through it and to the baseline of what it changed.
 */
@Controller
class DecisionPages {

    private final Decisions decisions;
    private final PlanQueries plans;
    private final Clock clock;

    DecisionPages(Decisions decisions, PlanQueries plans, Clock clock) {
        this.decisions = decisions;
        this.plans = plans;
        this.clock = clock;
    }

    @GetMapping("/ui/plans/{planId}/decisions")
    String decisions(@PathVariable String planId, Model model) {
        PlanQueries.PlanView plan = plans.withoutActivities(planId);
        model.addAttribute("decisions", decisions.decisions(planId));
        PlanPages.page(model, planId, plan, TimeTravel.of(null, null, clock), clock);
        return "console/decisions";
    }
}
