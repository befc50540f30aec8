package org.planledger.query.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.query.audit.AuditQueries;
import org.planledger.query.audit.AuditQueries.AuditEntry;
import org.planledger.query.plan.CurrentPlanModel;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.plan.PlanQueries.PlanView;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;
import org.planledger.shared.plan.PlanSection;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The plan table (page 1) and one activity with its timeline of changes (page 3), now or at a point in time. */
@Controller
class PlanPages {

    private final PlanQueries plans;
    private final AuditQueries audit;
    private final ConsoleSearch search;
    private final PlanTable table;
    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentPlanModel currentPlan;
    private final Clock clock;
    private final AgencyDirectory directory = AgencyDirectory.standard();
    private final PlanDocument bundled = PlanDocuments.sonLa2024();

    PlanPages(PlanQueries plans, AuditQueries audit, ConsoleSearch search, PlanTable table,
            NamedParameterJdbcTemplate jdbc, Clock clock, CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.table = table;
        this.plans = plans;
        this.audit = audit;
        this.search = search;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The console's address: the plan page of the (first) plan. */
    @GetMapping({"/", "/ui", "/ui/"})
    String home() {
        currentPlan.requireComplete();
        List<String> ids = jdbc.queryForList("select plan_id from plan_view order by created_at limit 1", Map.of(), String.class);
        return ids.isEmpty() ? "redirect:/ui/me" : "redirect:/ui/plans/" + ids.get(0);
    }

    @GetMapping("/ui/plans/{planId}")
    String plan(@PathVariable String planId, @RequestParam(required = false) String q,
            @RequestParam(required = false) String section, @RequestParam(required = false) String agency,
            @RequestParam(required = false) String status, @RequestParam(required = false) String asOf,
            @RequestParam(required = false) String validAt, @RequestParam(required = false) String page, Model model) {
        TimeTravel time = TimeTravel.of(asOf, validAt, clock);
        LocalDate day = time.at().referenceDay(clock);
        Set<String> agencies = agency == null || agency.isBlank() ? null : agencyAndItsGroups(agency);
        // filters, search and paging are done by PostgreSQL; only the page's activities are read
        PlanTable.Page found = table.page(planId, time.at(), day, new PlanTable.Criteria(q, section, agencies, status),
                Paging.asked(page));
        PlanView plan = plans.planShowing(planId, time.asOf(), time.validAt(), found.activityIds());
        Map<String, Integer> reschedules = search.reschedules(planId, found.activityIds(), time.at());
        int shown = found.shown();
        Paging paging = Paging.of(page, shown);
        Map<String, List<PlanLine>> bySection = new LinkedHashMap<>();
        for (ActivityView activity : plan.activities()) {
            PlanLine line = PlanLine.of(activity, day, reschedules.getOrDefault(activity.code(), 0));
            bySection.computeIfAbsent(activity.section(), k -> new ArrayList<>()).add(line);
        }
        model.addAttribute("plan", plan);
        model.addAttribute("sections", bySection);
        model.addAttribute("sectionTitles", sectionTitles(plan));
        model.addAttribute("allSections", found.sections());
        model.addAttribute("shown", shown);
        model.addAttribute("total", found.total());
        model.addAttribute("statuses", PlanLine.STATUSES);
        model.addAttribute("agencies", directory.all());
        Filter filter = new Filter(q, section, agency, status);
        model.addAttribute("filter", filter);
        model.addAttribute("paging", paging);
        model.addAttribute("pageLink", pageLink(planId, filter, time));
        model.addAttribute("day", day);
        page(model, planId, plan, time, clock);
        return "console/plan";
    }

    @GetMapping("/ui/plans/{planId}/activities/{code}")
    String activity(@PathVariable String planId, @PathVariable String code,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String validAt,
            @RequestParam(required = false) List<Long> compare, @RequestParam(required = false) Long written,
            @RequestParam(required = false) boolean pending, org.springframework.security.core.Authentication user,
            Model model) {
        TimeTravel time = TimeTravel.of(asOf, validAt, clock);
        PlanView plan = plans.withoutActivities(planId);
        ActivityView activity = plans.activity(planId, code, time.asOf(), time.validAt());
        LocalDate day = time.at().referenceDay(clock);
        List<AuditEntry> entries = new ArrayList<>();
        String cursor = null;
        do {
            AuditQueries.AuditPage page = audit.history(planId, code, cursor, 1000);
            entries.addAll(page.entries());
            cursor = page.more() ? page.nextCursor() : null;
        } while (cursor != null);
        List<AuditEntry> compared = compare == null ? List.of()
                : entries.stream().filter(e -> compare.contains(e.position())).toList();
        model.addAttribute("activity", activity);
        model.addAttribute("line", PlanLine.of(activity, day, (int) entries.stream()
                .filter(e -> "DeadlineRescheduled".equals(e.type())
                        && (time.at().asOf() == null || !e.recordedAt().isAfter(time.at().asOf()))).count()));
        model.addAttribute("entries", entries);
        model.addAttribute("compared", compared.size() == 2 ? compared : List.of());
        if (compared.size() == 2) {
            model.addAttribute("diff", Difference.between(asRecorded(planId, code, compared.get(0)),
                    asRecorded(planId, code, compared.get(1))));
        }
        model.addAttribute("day", day);
        model.addAttribute("written", written);
        model.addAttribute("pending", pending);
        ConsoleAdvice.Viewer viewer = ConsoleAdvice.Viewer.of(user);
        model.addAttribute("changes", !time.now() ? List.of() : java.util.Arrays.stream(ChangeForm.values())
                .filter(f -> f.offeredTo(viewer, activity, directory)).map(ChangeForm::slug).toList());
        page(model, planId, plan, time, clock);
        return "console/activity";
    }

    /** The activity just after the entry was recorded; null when it did not exist yet (the entry adding it to the plan). */
    private ActivityView asRecorded(String planId, String code, AuditEntry entry) {
        try {
            return plans.activity(planId, code, entry.recordedAt().toString(), null);
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.UNKNOWN_ACTIVITY) {
                return null;
            }
            throw e;
        }
    }

    /** What every page of a plan shows above its content: the plan, the point in time, the presets. */
    static void page(Model model, String planId, PlanView plan, TimeTravel time, Clock clock) {
        model.addAttribute("planId", planId);
        model.addAttribute("planTitle", plan.title());
        model.addAttribute("time", time);
        model.addAttribute("presets", TimeTravel.presets(adopted(plan), clock));
    }

    static LocalDate adopted(PlanView plan) {
        return plan.decision() != null && plan.decision().date() != null ? plan.decision().date()
                : LocalDate.of(plan.year(), 1, 1);
    }

    private Set<String> agencyAndItsGroups(String agency) {
        Set<String> ids = new java.util.HashSet<>(directory.groupIdsContaining(agency));
        ids.add(agency);
        return ids;
    }

    /** The printed section titles where the plan is the bundled Sơn La plan (the read models keep codes only). */
    private Map<String, String> sectionTitles(PlanView plan) {
        Map<String, String> titles = new LinkedHashMap<>();
        if (bundled.title().equals(plan.title()) && bundled.year() == plan.year()) {
            for (PlanSection s : bundled.sections()) {
                titles.put(s.code(), s.title());
            }
        }
        return titles;
    }

    public record Filter(String q, String section, String agency, String status) {
    }

    /**
     * One page of the plan table: {@link #SIZE} lines of the filtered activities in printed order. The Sơn La plan's 81
     * fit on one; a plan of 10,000 would otherwise be one page of several megabytes rendered on every request.
     *
     * @param number 1-based; a missing, unreadable or out-of-range page number shows the nearest page
     */
    public record Paging(int number, int pages, int first, int end) {

        static final int SIZE = 250;

        static Paging of(String asked, int lines) {
            int pages = Math.max(1, (lines + SIZE - 1) / SIZE);
            int number = Math.min(asked(asked), pages);
            return new Paging(number, pages, (number - 1) * SIZE, Math.min(number * SIZE, lines));
        }

        /** The items of {@code list} on this page (a list shorter than the one paged may have none). */
        <T> List<T> of(List<T> list) {
            return list.subList(Math.min(first, list.size()), Math.min(first + SIZE, list.size()));
        }

        /**
         * A page's address with the parameters kept (blank ones left out), ending in {@code page=} (the template
         * appends the number).
         */
        static String link(String path, String planId, Map<String, String> kept) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
            kept.forEach((name, value) -> {
                if (value != null && !value.isBlank()) {
                    link.queryParam(name, value);
                }
            });
            return link.queryParam("page", "").buildAndExpand(planId).encode().toUriString();
        }

        /** The page number asked for, at least 1 (an unreadable one is 1); the last page bounds it once counted. */
        static int asked(String asked) {
            try {
                return Math.max(asked == null || asked.isBlank() ? 1 : Integer.parseInt(asked.trim()), 1);
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }

    /** The plan page with the same filters and point in time, ending in {@code page=} (the template appends the number). */
    private static String pageLink(String planId, Filter filter, TimeTravel time) {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("q", filter.q());
        kept.put("section", filter.section());
        kept.put("agency", filter.agency());
        kept.put("status", filter.status());
        kept.put("asOf", time.asOf());
        kept.put("validAt", time.validAt());
        return Paging.link("/ui/plans/{planId}", planId, kept);
    }
}
