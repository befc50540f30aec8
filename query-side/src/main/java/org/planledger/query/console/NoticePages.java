package org.planledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.planledger.query.console.ConsoleAdvice.Viewer;
import org.planledger.query.notice.NoticeQueries;
import org.planledger.query.notice.NoticeQueries.ProposedMilestone;
import org.planledger.query.notice.NoticeQueries.UrgingProposal;
import org.planledger.query.plan.PlanQueries;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The urging notice form (công văn đôn đốc), for the plan's keepers: the query side's proposal for the agency on the
 * day the notice is sent (its overdue milestones, checked, and those due within the days asked), the notice's number
 * and date. The submission is relayed to the command side ({@code POST /api/plans/{planId}/notices}), which decides;
 * a refusal comes back next to its field, and a form sent twice records once (its {@code Idempotency-Key}).
 */
@Controller
class NoticePages {

    private static final String PAGE = "/ui/plans/{planId}/agencies/{agencyId}/notice";
    private static final List<String> FIELDS = List.of("documentNumber", "sentOn", "milestones");

    private final NoticeQueries notices;
    private final PlanQueries plans;
    private final CommandSide commandSide;
    private final ReadModelWait readModels;
    private final MessageSource messages;
    private final Clock clock;

    NoticePages(NoticeQueries notices, PlanQueries plans, CommandSide commandSide, ReadModelWait readModels,
            MessageSource messages, Clock clock) {
        this.notices = notices;
        this.plans = plans;
        this.commandSide = commandSide;
        this.readModels = readModels;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String form(@PathVariable String planId, @PathVariable String agencyId, @RequestParam(required = false) String on,
            @RequestParam(required = false) Integer days, Authentication user, Model model) {
        Viewer.requirePlanAdmin(user, "urging notice");
        UrgingProposal proposal = notices.proposal(planId, agencyId, on, days);
        List<String> chosen = proposal.overdue().stream().map(NoticePages::value).toList();
        show(model, planId, proposal, "", proposal.on().toString(), chosen, UUID.randomUUID().toString());
        return "console/notice";
    }

    /** Relays what was submitted: the command side checks role, agency and rules again. */
    @PostMapping(PAGE)
    String submit(@PathVariable String planId, @PathVariable String agencyId, @RequestParam String key,
            @RequestParam(required = false) String on, @RequestParam(required = false) Integer days,
            @RequestParam(defaultValue = "") String documentNumber, @RequestParam(defaultValue = "") String sentOn,
            @RequestParam(name = "milestone", required = false) List<String> milestone, Authentication user,
            HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        Viewer.requirePlanAdmin(user, "urging notice");
        List<String> chosen = milestone == null ? List.of() : milestone;
        List<Map<String, String>> named = new ArrayList<>();
        for (String value : chosen) {
            int slash = value.lastIndexOf('/');
            named.add(Map.of("code", value.substring(0, Math.max(slash, 0)), "milestoneId", value.substring(slash + 1)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agency", agencyId);
        body.put("documentNumber", documentNumber);
        if (!sentOn.isBlank()) {
            body.put("sentOn", sentOn);
        }
        body.put("milestones", named);
        CommandSide.Answer answer = commandSide.post(request, response, user,
                UriComponentsBuilder.fromPath("/api/plans/{planId}/notices").buildAndExpand(planId).encode().toUriString(),
                null, key, body);
        if (answer.ok()) {
            boolean shown = readModels.untilCaughtUp();
            UriComponentsBuilder page = UriComponentsBuilder.fromPath("/ui/plans/{planId}/agencies/{agencyId}")
                    .queryParam("urged", documentNumber);
            if (!shown) {
                page.queryParam("pending", "true");
            }
            return "redirect:" + page.buildAndExpand(planId, agencyId).encode().toUriString() + "#notices";
        }
        response.setStatus(answer.status());
        Refusals.show(model, messages, answer, locale,
                refused -> refused.startsWith("milestones") ? "milestones" : refused, FIELDS::contains);
        UrgingProposal proposal = notices.proposal(planId, agencyId, on, days);
        show(model, planId, proposal, documentNumber, sentOn, chosen, key);
        return "console/notice";
    }


    /** A milestone as the form's checkbox has it: {@code IV.8/m1}. */
    static String value(ProposedMilestone m) {
        return m.code() + "/" + m.milestoneId();
    }

    private void show(Model model, String planId, UrgingProposal proposal, String documentNumber, String sentOn,
            List<String> chosen, String key) {
        model.addAttribute("proposal", proposal);
        model.addAttribute("documentNumber", documentNumber);
        model.addAttribute("sentOn", sentOn);
        model.addAttribute("chosen", chosen);
        model.addAttribute("key", key);
        model.addAttribute("action", UriComponentsBuilder.fromPath(PAGE)
                .buildAndExpand(planId, proposal.agencyId()).encode().toUriString());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
            model.addAttribute("generalErrors", List.of());
        }
        PlanPages.page(model, planId, plans.withoutActivities(planId), TimeTravel.of(null, null, clock), clock);
        model.addAttribute("today", LocalDate.now(clock));
    }
}
