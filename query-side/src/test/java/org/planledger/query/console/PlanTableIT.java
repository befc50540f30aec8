package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.query.history.BaselineQueries;
import org.planledger.query.history.BaselineQueries.Baseline;
import org.planledger.query.history.PointInTime;
import org.planledger.query.history.SonLaQuerySide;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.plan.PlanQueries.ActivityView;
import org.planledger.query.workload.WorkloadQueries;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The plan table filtered, searched and paged by PostgreSQL ({@link PlanTable}) keeps exactly the activities the
 * console kept when it read every activity and filtered in Java with {@link PlanLine}: on the Sơn La plan (81
 * activities, the scenario's reschedules, reassignment, report and completion) at several days, now and at points in
 * time, and on a generated plan of 600 activities over three pages.
 */
class PlanTableIT {

    static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31),
            LocalDate.of(2024, 6, 15), LocalDate.of(2024, 9, 16), LocalDate.of(2024, 12, 31), LocalDate.of(2025, 6, 30));
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SonLaQuerySide querySide;
    static PlanTable table;
    static PlanQueries plans;
    static NamedParameterJdbcTemplate jdbc;
    static String plan;
    static String large;

    @BeforeAll
    static void start() {
        plan = "table-" + System.nanoTime();
        querySide = SonLaQuerySide.start(plan, "_plantable");
        large = querySide.loadGenerated("table-large-" + System.nanoTime(), 600);
        table = querySide.bean(PlanTable.class);
        plans = querySide.bean(PlanQueries.class);
        jdbc = querySide.bean(NamedParameterJdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    /**
     * The query side's connections (application.yml) plan each statement for its parameters, never a generic plan
     * blind to the instant or the page asked for, and compile none: both seen in the console's pages on 10,000
     * activities (a baseline of 22 s; the workload's JIT).
     */
    @Test
    void theQuerySidesConnectionsPlanEachStatementForItsParametersWithoutJit() {
        MapSqlParameterSource none = new MapSqlParameterSource();
        assertThat(jdbc.queryForObject("select current_setting('plan_cache_mode')", none, String.class))
                .isEqualTo("force_custom_plan");
        assertThat(jdbc.queryForObject("select current_setting('jit')", none, String.class)).isEqualTo("off");
    }

    @Test
    void sqlStatusIsPlanLinesStatusOnTheSonLaPlanAtSeveralDays() {
        Set<String> seen = new HashSet<>();
        for (LocalDate day : DAYS) {
            for (PointInTime at : List.of(PointInTime.NOW, new PointInTime(null, day),
                    new PointInTime(SonLaQuerySide.RESCHEDULED, null))) {
                for (String status : PlanLine.STATUSES) {
                    List<String> expected = kept(plan, at, day, null, null, null, status);
                    if (!expected.isEmpty()) {
                        seen.add(status);
                    }
                    assertThat(allPages(plan, at, day, new PlanTable.Criteria(null, null, null, status)))
                            .as("%s on %s at %s", status, day, at).isEqualTo(expected);
                }
            }
        }
        assertThat(seen).as("the days chosen show the open statuses").contains("on-track", "due-soon", "overdue");
    }

    @Test
    void filtersAndSearchKeepTheActivitiesTheJavaFilterKept() {
        LocalDate day = LocalDate.of(2024, 9, 16);
        List<String[]> cases = List.of(
                new String[] {null, "IV", null, null}, new String[] {null, null, "so-noi-vu", null},
                new String[] {null, null, "so-y-te", "overdue"}, new String[] {"kiem soat thu tuc", null, null, null},
                new String[] {"kiểm soát thủ tục", null, null, null}, new String[] {"so noi vu", "I", null, null},
                new String[] {"IV.8", null, null, null}, new String[] {"cai cach hanh chinh", null, "so-noi-vu", null},
                new String[] {"khong co gi nhu the nay", null, null, null}, new String[] {"iv.8", null, null, null},
                new String[] {"kiem soat thu tuk", null, null, null}, new String[] {"Sở Tư-pháp", null, null, null},
                new String[] {"  cải   cách ", "II", null, null}, new String[] {"%", null, null, null},
                new String[] {"ubnd_", null, null, null});
        for (PointInTime at : List.of(PointInTime.NOW, new PointInTime(null, LocalDate.of(2024, 6, 1)),
                new PointInTime(SonLaQuerySide.RESCHEDULED, LocalDate.of(2024, 6, 10)))) {
            for (String[] c : cases) {
                List<String> expected = kept(plan, at, day, c[0], c[1], c[2], c[3]);
                PlanTable.Criteria criteria = new PlanTable.Criteria(c[0], c[1], groups(c[2]), c[3]);
                assertThat(allPages(plan, at, day, criteria)).as("%s at %s", String.join("|", String.valueOf(c[0]),
                        String.valueOf(c[1]), String.valueOf(c[2]), String.valueOf(c[3])), at).isEqualTo(expected);
            }
        }
        assertThat(kept(plan, PointInTime.NOW, day, "kiem soat thu tuc", null, null, null)).contains("III.1", "III.2");
        assertThat(kept(plan, PointInTime.NOW, day, null, null, "so-noi-vu", null)).contains("IV.8");
    }

    @Test
    void theStoredSearchDocumentIsTheFoldOfTheCurrentTextsAndParticipants() {
        // the scenario reassigned IV.8 to Sở Nội vụ after it was projected: its document names the new participants
        assertThat(jdbc.queryForObject("""
                select count(*) from activity_view where plan_id in (:plans)
                  and search_document is distinct from console_search_document(activity_id)""",
                new MapSqlParameterSource("plans", List.of(plan, large)), Integer.class)).isZero();
        assertThat(jdbc.queryForObject(
                "select search_document from activity_view where plan_id = :plan and code = 'IV.8'",
                new MapSqlParameterSource("plan", plan), String.class)).contains(" so noi vu ").startsWith(" ");
        assertThat(codes(table.page(plan, PointInTime.NOW, LocalDate.of(2024, 9, 16),
                new PlanTable.Criteria("so noi vu", "IV", null, null), 1).activityIds())).contains("IV.8");
    }

    @Test
    void aPageOfActivitiesAtAPointInTimeIsWhatTheWholePlanSaysOfThem() {
        List<String[]> points = List.of(new String[] {SonLaQuerySide.RESCHEDULED.minusSeconds(60).toString(), null},
                new String[] {SonLaQuerySide.RESCHEDULED.toString(), null}, new String[] {null, "2024-06-01"},
                new String[] {null, "2024-01-04"}, new String[] {SonLaQuerySide.RESCHEDULED.toString(), "2024-06-10"},
                new String[] {SonLaQuerySide.TODAY.toString(), "2025-06-30"});
        for (String planId : List.of(plan, large)) {
            for (String[] point : points) {
                List<ActivityView> whole = plans.plan(planId, point[0], point[1]).activities();
                assertThat(whole).as("%s at %s|%s", planId, point[0], point[1]).isNotEmpty();
                List<ActivityView> some = new ArrayList<>();
                for (int i = 0; i < whole.size(); i += 3) {
                    some.add(whole.get(i));
                }
                whole.stream().filter(a -> a.code().equals("IV.8") && !some.contains(a)).forEach(some::add);
                List<String> ids = some.stream().map(a -> ActivityId.of(planId, a.code())).toList();
                List<ActivityView> shown = plans.planShowing(planId, point[0], point[1], ids).activities();
                assertThat(shown).as("%s at %s|%s", planId, point[0], point[1])
                        .containsExactlyElementsOf(whole.stream().filter(some::contains).toList());
            }
        }
    }

    @Test
    void aPlanOfSixHundredIsThreePagesOfTwoHundredFiftyInPrintedOrder() {
        LocalDate day = LocalDate.of(2024, 9, 16);
        PlanTable.Criteria all = new PlanTable.Criteria(null, null, null, null);
        PlanTable.Page second = table.page(large, PointInTime.NOW, day, all, 2);
        assertThat(second.shown()).isEqualTo(600);
        assertThat(second.total()).isEqualTo(600);
        assertThat(codes(second.activityIds())).hasSize(250).startsWith("I.251", "I.252").endsWith("I.500");
        assertThat(codes(table.page(large, PointInTime.NOW, day, all, 99).activityIds()))
                .as("past the last page: the last page").hasSize(100).startsWith("I.501").endsWith("I.600");
        for (PointInTime at : List.of(PointInTime.NOW, new PointInTime(null, day))) {
            for (String status : List.of("overdue", "due-soon")) {
                List<String> expected = kept(large, at, day, null, null, null, status);
                assertThat(allPages(large, at, day, new PlanTable.Criteria(null, null, null, status)))
                        .as("%s at %s", status, at).isEqualTo(expected);
            }
            List<String> led = kept(large, at, day, null, null, "so-tu-phap", null);
            assertThat(led).isNotEmpty();
            assertThat(allPages(large, at, day, new PlanTable.Criteria(null, null, groups("so-tu-phap"), null)))
                    .isEqualTo(led);
        }
        assertThat(kept(large, PointInTime.NOW, day, null, null, null, "overdue")).hasSizeGreaterThan(250);
    }

    @Test
    void thePlanPageShowsTheSecondPageWithItsFiltersKept() throws Exception {
        String cookie = ConsoleSessionsIT.signIn(querySide.baseUrl(), "inspector");
        String body = page(cookie, "/ui/plans/" + large + "?page=2");
        assertThat(rows(body)).hasSize(250).startsWith("I.251").endsWith("I.500");
        assertThat(body).contains("id=\"page-prev\"", "id=\"page-next\"");

        List<String> overdue = kept(large, PointInTime.NOW, LocalDate.of(2024, 9, 16), null, null, null, "overdue");
        String second = page(cookie, "/ui/plans/" + large + "?status=overdue&page=2");
        assertThat(rows(second)).isEqualTo(overdue.subList(250, overdue.size()));
        Matcher next = Pattern.compile("id=\"page-prev\" href=\"([^\"]+)\"").matcher(second);
        assertThat(next.find()).isTrue();
        assertThat(next.group(1).replace("&amp;", "&")).contains("status=overdue").endsWith("page=1");

        String sonLa = page(cookie, "/ui/plans/" + plan + "?q=kiem+soat+thu+tuc");
        assertThat(rows(sonLa)).contains("III.1", "III.2").doesNotContain("I.1", "IV.8");
    }

    @Test
    void theAgencyPagesWorkloadRowIsTheRowOfTheWholeWorkload() {
        WorkloadQueries workloads = querySide.bean(WorkloadQueries.class);
        for (String planId : List.of(plan, large)) {
            for (String[] at : List.of(new String[] {null, null}, new String[] {null, "2024-06-01"},
                    new String[] {SonLaQuerySide.RESCHEDULED.toString(), null})) {
                WorkloadQueries.Workload all = workloads.workload(planId, at[0], at[1], null);
                assertThat(all.agencies()).hasSizeGreaterThan(5);
                for (WorkloadQueries.AgencyWorkload row : all.agencies()) {
                    WorkloadQueries.Workload one = workloads.workloadOf(planId, at[0], at[1], row.agency().id());
                    assertThat(one.agencies()).as("%s at %s|%s", row.agency().id(), at[0], at[1]).containsExactly(row);
                    assertThat(one.asOfDay()).isEqualTo(all.asOfDay());
                }
                assertThat(workloads.workloadOf(planId, at[0], at[1], "no-such-agency").agencies()).isEmpty();
            }
        }
    }

    @Test
    void theAgencyPageAndTheBaselineShowTheirLongListsTwoHundredFiftyAPage() throws Exception {
        String cookie = ConsoleSessionsIT.signIn(querySide.baseUrl(), "inspector");
        List<String> overdue = codes(table.agency(large, PointInTime.NOW,
                PointInTime.NOW.referenceDay(querySide.bean(java.time.Clock.class)), groups("so-noi-vu")).overdue());
        assertThat(overdue).as("the group of departments coordinates every activity").hasSizeGreaterThan(250);
        String first = page(cookie, "/ui/plans/" + large + "/agencies/so-noi-vu");
        assertThat(links(section(first, "od-h"))).isEqualTo(overdue.subList(0, 250));
        assertThat(section(first, "od-h")).contains("(" + overdue.size() + ")").contains("id=\"page-next\"");
        String second = page(cookie, "/ui/plans/" + large + "/agencies/so-noi-vu?page=2");
        assertThat(links(section(second, "od-h"))).isEqualTo(overdue.subList(250, Math.min(500, overdue.size())));
        String atDay = page(cookie, "/ui/plans/" + large + "/agencies/so-noi-vu?validAt=2025-06-30&page=1");
        Matcher next = Pattern.compile("id=\"page-next\" href=\"([^\"]+)\"").matcher(atDay);
        assertThat(next.find()).isTrue();
        assertThat(next.group(1).replace("&amp;", "&")).contains("validAt=2025-06-30").endsWith("page=2");

        String baseline = page(cookie, "/ui/plans/" + large + "/baseline?from=2024-01-01&page=3");
        assertThat(links(section(page(cookie, "/ui/plans/" + large + "/baseline?page=3"), "ac-h")))
                .as("from the adoption (the default)").hasSize(100);
        assertThat(baseline).contains("<dd>600</dd>"); // every activity added, counted on every page
        List<String> added = links(section(baseline, "ac-h"));
        assertThat(added).hasSize(100).startsWith("I.501").endsWith("I.600");
        Matcher prev = Pattern.compile("id=\"page-prev\" href=\"([^\"]+)\"").matcher(baseline);
        assertThat(prev.find()).isTrue();
        assertThat(prev.group(1).replace("&amp;", "&")).contains("from=2024-01-01").endsWith("page=2");
        assertThat(links(section(page(cookie, "/ui/plans/" + plan + "/baseline"), "ac-h")))
                .as("the Sơn La plan's lists fit on one page").doesNotContain("page-next");
    }

    /**
     * The console's baseline reads one window of each list in PostgreSQL: every window (of 250 on 600 activities, of
     * 2 on the Sơn La scenario's reschedules, reassignment, report and completion) holds exactly the items of the
     * whole baseline there, in its order, and the totals of the whole baseline.
     */
    @Test
    void aWindowOfTheBaselineIsTheSliceOfTheWholeBaseline() {
        BaselineQueries baselines = querySide.bean(BaselineQueries.class);
        for (String planId : List.of(large, plan)) {
            Baseline whole = baselines.baseline(planId, "2024-01-01", null, null, null);
            List<List<?>> lists = lists(whole);
            int size = planId.equals(large) ? 250 : 2;
            int longest = lists.stream().mapToInt(List::size).max().orElse(0);
            assertThat(longest).as("%s has more than one window", planId).isGreaterThan(size);
            assertThat(whole.deadlinesMoved()).as("%s moved deadlines", planId).isNotEmpty();
            for (int first = 0; first < longest + size; first += size) {
                int from = first;
                Baseline window = baselines.window(planId, "2024-01-01", null,
                        new BaselineQueries.Window(totals -> from, size));
                assertThat(window.totals()).as("%s totals at %d", planId, from).isEqualTo(whole.totals());
                for (int k = 0; k < lists.size(); k++) {
                    List<?> all = lists.get(k);
                    assertThat(lists(window).get(k)).as("%s list %d at %d", planId, k, from)
                            .isEqualTo(all.subList(Math.min(from, all.size()), Math.min(from + size, all.size())));
                }
            }
        }
    }

    private static List<List<?>> lists(Baseline b) {
        return List.of(b.activitiesAdded(), b.activitiesCancelled(), b.reassignments(), b.deadlinesMoved(),
                b.reportsSubmitted(), b.milestonesCompleted());
    }

    /** The card headed by the element of that id, up to the end of its section. */
    private static String section(String body, String heading) {
        int at = body.indexOf("id=\"" + heading + "\"");
        assertThat(at).as(heading).isPositive();
        return body.substring(at, body.indexOf("</section>", at));
    }

    /** The activity codes linked from a piece of a page, in order. */
    private static List<String> links(String html) {
        return found(Pattern.compile("/activities/([^\"?/]+)[\"?]"), html);
    }

    @Test
    void agencyFiguresAreWhatTheAgencyPageCountedOverEveryActivity() {
        for (String agency : List.of("so-noi-vu", "so-y-te", "ubnd-cap-huyen", "so-tu-phap")) {
            for (LocalDate day : DAYS) {
                for (PointInTime at : List.of(PointInTime.NOW, new PointInTime(null, day))) {
                    for (String planId : List.of(plan, large)) {
                        assertThat(table.agency(planId, at, day, groups(agency)))
                                .as("%s on %s at %s", agency, day, at).isEqualTo(figures(planId, at, day, agency));
                    }
                }
            }
        }
        PlanTable.AgencyFigures soNoiVu = table.agency(plan, PointInTime.NOW, LocalDate.of(2024, 9, 16),
                groups("so-noi-vu"));
        assertThat(soNoiVu.completed()).as("I.4's milestone, completed by Sở Nội vụ").isPositive();
        assertThat(soNoiVu.slipped()).as("IV.8 moved to 31/12/2024").isPositive();
    }

    /** What the agency page counted before: every activity read, PlanLine's statuses, a loop in Java. */
    private static PlanTable.AgencyFigures figures(String planId, PointInTime at, LocalDate day, String agency) {
        List<ActivityView> activities = plans.plan(planId, at.asOf() == null ? null : at.asOf().toString(),
                at.validAt() == null ? null : at.validAt().toString()).activities();
        Collection<String> ids = groups(agency);
        java.util.Map<String, Integer> milestones = new java.util.LinkedHashMap<>();
        PlanLine.STATUSES.forEach(s -> milestones.put(s, 0));
        int completed = 0;
        int onTime = 0;
        long slipped = 0;
        List<String> overdue = new ArrayList<>();
        for (ActivityView activity : activities) {
            PlanLine line = PlanLine.of(activity, day, 0);
            if (line.agencyIds().noneMatch(ids::contains)) {
                continue;
            }
            if ("overdue".equals(line.status())) {
                overdue.add(ActivityId.of(planId, activity.code()));
            }
            for (PlanQueries.Milestone m : activity.milestones()) {
                milestones.merge(PlanLine.milestoneStatus(activity, m, day), 1, Integer::sum);
                if ("COMPLETED".equals(m.status())) {
                    completed++;
                    onTime += Boolean.TRUE.equals(m.completedOnTime()) ? 1 : 0;
                }
                if (m.due() != null && m.originalDue() != null) {
                    slipped += java.time.temporal.ChronoUnit.DAYS.between(m.originalDue(), m.due());
                }
            }
        }
        return new PlanTable.AgencyFigures(milestones, completed, onTime, slipped, overdue);
    }

    /**
     * The search as it was before the folded texts were kept (V51): every activity's title, products, timeline and
     * participants' names folded by the query itself, from the current read model. The stored search document must
     * find exactly what this finds.
     */
    private static final String FOLDED_PER_REQUEST = """
            with q as (select console_fold(:text) as q,
                              array_remove(string_to_array(trim(regexp_replace(console_fold(:text), '[^[:alnum:]]+', ' ', 'g')), ' '), '') as words),
            d as (select a.code, console_fold(a.code) as folded_code, console_fold(a.title) as title,
                         ' ' || regexp_replace(console_fold(a.title || ' ' || a.products::text || ' ' || a.timeline || ' '
                             || coalesce((select string_agg(p.agency_name, ' ') from activity_participant p
                                          where p.activity_id = a.activity_id), '')), '[^[:alnum:]]+', ' ', 'g') as doc
                  from activity_view a where a.plan_id = :planId)
            select d.code from d, q
            where d.folded_code = q.q
               or (not exists (select 1 from d exact where exact.folded_code = q.q)
                   and ((cardinality(q.words) > 0
                         and not exists (select 1 from unnest(q.words) w where d.doc not like '% ' || w || '%'))
                        or word_similarity(q.q, d.title) >= :similar))""";

    /** What the plan page kept before its filters moved into SQL: every activity read, PlanLine's status, Java filters. */
    private static List<String> kept(String planId, PointInTime at, LocalDate day, String q, String section,
            String agency, String status) {
        List<ActivityView> activities = at.isNow() ? plans.plan(planId, null, null).activities()
                : plans.plan(planId, at.asOf() == null ? null : at.asOf().toString(),
                        at.validAt() == null ? null : at.validAt().toString()).activities();
        Set<String> found = q == null ? null : new HashSet<>(jdbc.queryForList(FOLDED_PER_REQUEST,
                new MapSqlParameterSource("planId", planId).addValue("text", q.trim())
                        .addValue("similar", ConsoleSearch.SIMILAR), String.class));
        Collection<String> agencies = groups(agency);
        List<String> codes = new ArrayList<>();
        for (ActivityView activity : activities) {
            PlanLine line = PlanLine.of(activity, day, 0);
            if ((found == null || found.contains(activity.code()))
                    && (section == null || section.equals(activity.section()))
                    && (status == null || status.equals(line.status()))
                    && (agencies == null || line.agencyIds().anyMatch(agencies::contains))) {
                codes.add(activity.code());
            }
        }
        return codes;
    }

    private static List<String> allPages(String planId, PointInTime at, LocalDate day, PlanTable.Criteria criteria) {
        List<String> codes = new ArrayList<>();
        PlanTable.Page first = table.page(planId, at, day, criteria, 1);
        int pages = Math.max(1, (first.shown() + PlanPages.Paging.SIZE - 1) / PlanPages.Paging.SIZE);
        codes.addAll(codes(first.activityIds()));
        for (int n = 2; n <= pages; n++) {
            codes.addAll(codes(table.page(planId, at, day, criteria, n).activityIds()));
        }
        assertThat(codes).as("shown counts what the pages hold").hasSize(first.shown());
        return codes;
    }

    private static Collection<String> groups(String agency) {
        if (agency == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>(AgencyDirectory.standard().groupIdsContaining(agency));
        ids.add(agency);
        return ids;
    }

    private static List<String> codes(List<String> activityIds) {
        return activityIds.stream().map(ActivityId::codeOf).toList();
    }

    private static String page(String cookie, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(querySide.baseUrl() + path))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static List<String> rows(String body) {
        return found(Pattern.compile("<tr data-code=\"([^\"]+)\""), body);
    }

    /** The first group of each match, in order. */
    private static List<String> found(Pattern pattern, String text) {
        List<String> codes = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
