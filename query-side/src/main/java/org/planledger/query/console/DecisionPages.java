package org.planledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.planledger.query.console.ConsoleAdvice.Viewer;
import org.planledger.query.history.Decisions;
import org.planledger.query.plan.PlanQueries;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The plan's amendment decisions (Quyết định điều chỉnh, bổ sung): each with its number, date, day in force, summary
 * and changes, and links to the plan as recorded through it and to the baseline of what it changed. A plan keeper
 * records a new one from its table (the plan's layout with the column "Điều chỉnh"), relayed to the command side's
 * {@code POST /api/plans/{planId}/amendments/import}, which checks every row and records all of it or nothing; a
 * refused file is answered row by row.
 */
@Controller
class DecisionPages {

    private static final String NEW = "/ui/plans/{planId}/decisions/new";
    private static final List<String> FIELDS = List.of("decisionNumber", "decisionDate", "effectiveOn", "summary", "file");

    private final Decisions decisions;
    private final PlanQueries plans;
    private final CommandSide commandSide;
    private final ReadModelWait readModels;
    private final MessageSource messages;
    private final Clock clock;

    DecisionPages(Decisions decisions, PlanQueries plans, CommandSide commandSide, ReadModelWait readModels,
            MessageSource messages, Clock clock) {
        this.decisions = decisions;
        this.plans = plans;
        this.commandSide = commandSide;
        this.readModels = readModels;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/ui/plans/{planId}/decisions")
    String decisions(@PathVariable String planId, @RequestParam(required = false) String recorded,
            @RequestParam(required = false) boolean pending, Model model) {
        model.addAttribute("decisions", decisions.decisions(planId));
        model.addAttribute("recorded", recorded);
        model.addAttribute("pending", pending);
        PlanPages.page(model, planId, plans.withoutActivities(planId), TimeTravel.of(null, null, clock), clock);
        return "console/decisions";
    }

    @GetMapping(NEW)
    String form(@PathVariable String planId, Authentication user, Model model) {
        Viewer.requirePlanAdmin(user, "amendment decision");
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f, ""));
        show(model, planId, values, UUID.randomUUID().toString());
        return "console/decision-new";
    }

    /** Relays the decision and its table: the command side checks role, rows and rules. */
    @PostMapping(NEW)
    String submit(@PathVariable String planId, @RequestParam String key, @RequestParam Map<String, String> params,
            @RequestParam(required = false) MultipartFile file, Authentication user, HttpServletRequest request,
            HttpServletResponse response, Locale locale, Model model) throws IOException {
        Viewer.requirePlanAdmin(user, "amendment decision");
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f, params.getOrDefault(f, "")));
        Map<String, String> fields = new LinkedHashMap<>(values);
        fields.remove("file");
        byte[] content = file == null ? new byte[0] : file.getBytes();
        String path = UriComponentsBuilder.fromPath("/api/plans/{planId}/amendments/import").buildAndExpand(planId)
                .encode().toUriString();
        CommandSide.Answer answer = commandSide.postFile(request, response, user, path, key, fields,
                file == null ? null : file.getOriginalFilename(), content);
        if (answer.ok()) {
            boolean shown = readModels.untilCaughtUp();
            UriComponentsBuilder page = UriComponentsBuilder.fromPath("/ui/plans/{planId}/decisions")
                    .queryParam("recorded", values.get("decisionNumber"));
            if (!shown) {
                page.queryParam("pending", "true");
            }
            return "redirect:" + page.buildAndExpand(planId).encode().toUriString();
        }
        response.setStatus(answer.status());
        Refusals.show(model, messages, answer, locale, refused -> refused, FIELDS::contains);
        model.addAttribute("rows", answer.rows());
        show(model, planId, values, key);
        return "console/decision-new";
    }


    private void show(Model model, String planId, Map<String, String> values, String key) {
        model.addAttribute("values", values);
        model.addAttribute("key", key);
        model.addAttribute("action", UriComponentsBuilder.fromPath(NEW).buildAndExpand(planId).encode().toUriString());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
            model.addAttribute("generalErrors", List.of());
            model.addAttribute("rows", List.of());
        }
        PlanPages.page(model, planId, plans.withoutActivities(planId), TimeTravel.of(null, null, clock), clock);
    }
}
