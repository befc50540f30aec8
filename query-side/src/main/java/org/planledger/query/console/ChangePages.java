package org.planledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.planledger.query.audit.AuditQueries;
import org.planledger.query.audit.AuditQueries.AuditEntry;
import org.planledger.query.console.ChangeForm.FieldSpec;
import org.planledger.query.console.ConsoleAdvice.Viewer;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.Milestone;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Page 9: the forms that change an activity (assign, reschedule, record a trigger, submit a report, review a report,
 * complete a milestone, amend, cancel), for the plan's keepers and the agencies. A form is rendered with the activity's version and an
 * {@code Idempotency-Key} of its own; its submission is relayed to the command side ({@link CommandSide}), which
 * decides. A refusal comes back next to its field in the user's language; a form opened at an older version shows
 * what changed meanwhile instead of overwriting it; a form sent twice records once. After a write the activity page
 * is shown once the read models have the change ({@link ReadModelWait}).
 */
@Controller
class ChangePages {

    private static final String PAGE = "/ui/plans/{planId}/activities/{code}/change/{form}";

    private final PlanQueries plans;
    private final AuditQueries audit;
    private final CommandSide commandSide;
    private final ReadModelWait readModels;
    private final MessageSource messages;
    private final Clock clock;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    ChangePages(PlanQueries plans, AuditQueries audit, CommandSide commandSide, ReadModelWait readModels,
            MessageSource messages, Clock clock) {
        this.plans = plans;
        this.audit = audit;
        this.commandSide = commandSide;
        this.readModels = readModels;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String form(@PathVariable String planId, @PathVariable String code, @PathVariable String form,
            @RequestParam(required = false) String milestone, Authentication user, Model model) {
        ChangeForm change = known(form);
        ActivityView activity = plans.activity(planId, code, null, null);
        Viewer viewer = Viewer.of(user);
        if (!change.offeredTo(viewer, activity, directory)) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "form", "offered-to-role", viewer.user()
                    + " is not offered the " + change.slug() + " form on " + code);
        }
        Map<String, List<String>> values = defaults(change, activity, viewer, milestone);
        show(model, planId, change, activity, values, activity.version(), UUID.randomUUID().toString());
        return "console/change";
    }

    /** Relays whatever was submitted, offered or not: the command side decides (role, agency, rules). */
    @PostMapping(PAGE)
    String submit(@PathVariable String planId, @PathVariable String code, @PathVariable String form,
            @RequestParam long version, @RequestParam String key, @RequestParam MultiValueMap<String, String> params,
            Authentication user, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        ChangeForm change = known(form);
        Map<String, List<String>> values = submitted(change, params);
        Map<String, String> variables = new LinkedHashMap<>(Map.of("planId", planId, "code", code));
        if (change.inPath() != null) {
            List<String> given = values.getOrDefault(change.inPath(), List.of());
            variables.put(change.inPath(), given.isEmpty() || given.get(0).isBlank() ? "-" : given.get(0));
        }
        String path = UriComponentsBuilder.fromPath(change.route()).buildAndExpand(variables).encode().toUriString();
        CommandSide.Answer answer = commandSide.post(request, response, user, path, version, key, change.body(values));
        if (answer.ok()) {
            boolean shown = readModels.untilShown(planId, code, answer.version());
            UriComponentsBuilder page = UriComponentsBuilder.fromPath("/ui/plans/{planId}/activities/{code}")
                    .queryParam("written", answer.version());
            if (!shown) {
                page.queryParam("pending", "true");
            }
            return "redirect:" + page.buildAndExpand(planId, code).encode().toUriString();
        }
        response.setStatus(answer.status());
        ActivityView activity = plans.activity(planId, code, null, null);
        if (answer.stale()) {
            List<AuditEntry> since = changesSince(planId, code, version);
            long current = Math.max(activity.version(), since.stream().mapToLong(AuditEntry::version).max().orElse(0));
            model.addAttribute("since", since);
            model.addAttribute("staleFrom", version);
            model.addAttribute("staleTo", current);
            show(model, planId, change, activity, values, current, UUID.randomUUID().toString());
            return "console/change";
        }
        Refusals.show(model, messages, answer, locale, refused -> fieldOf(refused, values), values::containsKey);
        show(model, planId, change, activity, values, version, key);
        return "console/change";
    }

    private ChangeForm known(String slug) {
        ChangeForm form = ChangeForm.of(slug);
        if (form == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "form", "known-form", "no form " + slug);
        }
        return form;
    }

    /**
     * The form's input a refused field belongs to: itself ({@code coordinators[2]} → {@code coordinators}), or the first
     * input of a refused object left out for being empty ({@code source} → {@code source.number}).
     */
    private static String fieldOf(String refused, Map<String, List<String>> values) {
        String field = refused.replaceAll("\\[\\d+]$", "");
        if (values.containsKey(field)) {
            return field;
        }
        return values.keySet().stream().filter(k -> k.startsWith(field + ".")).findFirst().orElse(field);
    }

    /** The activity's changes recorded after the version the form was opened at, oldest first. */
    private List<AuditEntry> changesSince(String planId, String code, long version) {
        List<AuditEntry> since = new ArrayList<>();
        String cursor = null;
        do {
            AuditQueries.AuditPage page = audit.history(planId, code, cursor, 1000);
            page.entries().stream().filter(e -> e.version() != null && e.version() > version).forEach(since::add);
            cursor = page.more() ? page.nextCursor() : null;
        } while (cursor != null);
        return since;
    }

    private Map<String, List<String>> defaults(ChangeForm change, ActivityView activity, Viewer viewer, String milestone) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        change.fields().forEach(f -> values.put(f.name(), new ArrayList<>()));
        switch (change) {
            case ASSIGN -> {
                if (activity.lead() != null) {
                    values.get("lead").add(activity.lead().id());
                }
                activity.jointLeads().forEach(a -> values.get("jointLeads").add(a.id()));
                activity.coordinators().forEach(a -> values.get("coordinators").add(a.id()));
            }
            case REPORT -> values.get("agency").add(viewer.agency());
            case AMEND -> {
                values.get("title").add(activity.title());
                List<String> products = new ArrayList<>();
                activity.products().forEach(product -> products.add(product.asText()));
                values.get("products").add(String.join("\n", products));
                values.get("timeline").add(activity.timeline());
            }
            default -> { }
        }
        if (milestone != null && values.containsKey("milestoneId")) {
            values.get("milestoneId").add(milestone);
        }
        return values;
    }

    private static Map<String, List<String>> submitted(ChangeForm change, MultiValueMap<String, String> params) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (FieldSpec field : change.fields()) {
            values.put(field.name(), new ArrayList<>(params.getOrDefault(field.name(), List.of())));
        }
        return values;
    }

    private void show(Model model, String planId, ChangeForm change, ActivityView activity,
            Map<String, List<String>> values, long version, String key) {
        model.addAttribute("form", change.slug());
        model.addAttribute("fields", change.fields());
        model.addAttribute("values", values);
        model.addAttribute("version", version);
        model.addAttribute("key", key);
        model.addAttribute("activity", activity);
        Map<String, List<Option>> options = options(change, activity, values);
        model.addAttribute("options", options);
        model.addAttribute("chosen", chosen(change, options, values));
        model.addAttribute("action", UriComponentsBuilder.fromPath(PAGE)
                .buildAndExpand(planId, activity.code(), change.slug()).encode().toUriString());
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
            model.addAttribute("generalErrors", List.of());
        }
        PlanPages.page(model, planId, plans.withoutActivities(planId), TimeTravel.of(null, null, clock), clock);
    }

    /** The choices of the select fields: agencies by name, the activity's milestones. */
    private Map<String, List<Option>> options(ChangeForm change, ActivityView activity, Map<String, List<String>> values) {
        Map<String, List<Option>> options = new LinkedHashMap<>();
        List<Option> agencies = directory.all().stream().map(a -> new Option(a.id(), a.name())).toList();
        List<Option> milestones = new ArrayList<>();
        if (change == ChangeForm.REPORT) {
            milestones.add(new Option("", "—"));
        }
        for (Milestone m : activity.milestones()) {
            milestones.add(new Option(m.id(), m.id() + " · " + m.product() + " · " + m.printed()
                    + (m.completedOn() != null ? " ✓" : "")));
        }
        options.put("lead", agencies);
        options.put("jointLeads", agencies);
        options.put("coordinators", agencies);
        options.put("milestoneId", milestones);
        options.put("reportId", ChangeForm.awaitingReview(activity).stream().map(r -> new Option(r.reportId(),
                r.reportId() + " · " + r.agency().name() + " · " + (r.documentNumber() == null ? "" : r.documentNumber() + " · ")
                        + Formats.DAY.format(r.sentOn()))).toList());
        Locale locale = LocaleContextHolder.getLocale();
        List<Option> returned = new ArrayList<>();
        returned.add(new Option("", messages.getMessage("form.answers.none", null, locale)));
        List<String> answered = activity.reports() == null ? List.of()
                : activity.reports().stream().map(PlanQueries.Report::answers).filter(java.util.Objects::nonNull).toList();
        List<String> agencyOnly = values.getOrDefault("agency", List.of());
        if (activity.reports() != null) {
            activity.reports().stream().filter(r -> "RETURNED".equals(r.review()) && !answered.contains(r.reportId()))
                    .filter(r -> agencyOnly.isEmpty() || agencyOnly.contains(r.agency().id()))
                    .forEach(r -> returned.add(new Option(r.reportId(), r.reportId() + " · "
                            + (r.documentNumber() == null ? "" : r.documentNumber() + " · ") + r.reviewReason())));
        }
        options.put("answers", returned);
        options.put("outcome", java.util.stream.Stream.of("ACCEPTED", "RETURNED")
                .map(o -> new Option(o, messages.getMessage("review." + o, null, locale))).toList());
        List<String> agency = values.getOrDefault("agency", List.of());
        options.put("agency", agencies.stream().filter(o -> agency.contains(o.value())).toList().isEmpty() ? agencies
                : agencies.stream().filter(o -> agency.contains(o.value())).toList());
        return options;
    }

    /** What each multiple choice holds as the form is shown (console.js keeps it up to date as one chooses). */
    private static Map<String, String> chosen(ChangeForm change, Map<String, List<Option>> options,
            Map<String, List<String>> values) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (FieldSpec field : change.fields()) {
            if (field.kindOf() == ChangeForm.Kind.MULTI) {
                List<String> labels = options.get(field.name()).stream()
                        .filter(o -> values.get(field.name()).contains(o.value())).map(Option::label).toList();
                chosen.put(field.name(), labels.isEmpty() ? "—" : String.join(", ", labels));
            }
        }
        return chosen;
    }

    /** A choice of a select field. */
    public record Option(String value, String label) {
    }
}
