package org.planledger.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;
import org.planledger.shared.timeline.MilestoneSpec;
import org.planledger.shared.timeline.TimelineReader;

/**
 * Both services as users run them: the two packaged jars in their own processes, one PostgreSQL, real HTTP. A change
 * sent to the command side must show up on the query side.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Process> SERVICES = new ArrayList<>();
    private static String commandSide;
    private static String querySide;

    @BeforeAll
    static void startBothServices() throws Exception {
        int commandPort = freePort();
        int queryPort = freePort();
        commandSide = "http://127.0.0.1:" + commandPort;
        querySide = "http://127.0.0.1:" + queryPort;
        SERVICES.add(start(jar("command-side"), commandPort));
        SERVICES.add(start(jar("query-side"), queryPort));
        for (int i = 0; i < SERVICES.size(); i++) {
            Process service = SERVICES.get(i);
            String base = i == 0 ? commandSide : querySide;
            // as long as './planledger up' waits (PLANLEDGER_START_TIMEOUT): on a busy 2-core machine a start takes 160 s
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250))
                    .failFast("service stopped during start-up; see query-side/target/*.log", () -> !service.isAlive())
                    .ignoreExceptions()
                    .until(() -> get(null, base + "/actuator/health").body().contains("UP"));
        }
        // the query side starts where the suite's earlier tests left its processors: let it catch up with the store
        // first, so that the waits below time this service's own changes, not a backlog
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> caughtUp(readJson(get("inspector", querySide + "/actuator/health"))
                        .at("/components/projections/details/processors")));
    }

    @AfterAll
    static void stopBothServices() {
        SERVICES.forEach(Process::destroy);
    }

    @Test
    void aCommandSentToTheCommandSideShowsUpOnTheQuerySide() throws Exception {
        String plan = "e2e-" + System.nanoTime();
        assertThat(post(commandSide + "/api/plans", Map.of("planId", plan, "title", "Kế hoạch CCHC năm 2024",
                "year", 2024, "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"))).statusCode()).isEqualTo(201);
        assertThat(post(commandSide + "/api/plans/" + plan + "/activities", Map.of("code", "I.1", "section", "I",
                "title", "Tổ chức đánh giá, thẩm định, công bố Chỉ số CCHC",
                "products", List.of("Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn"),
                "timeline", "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).",
                "notes", "")).statusCode()).isEqualTo(201);
        assertThat(post(commandSide + "/api/plans/" + plan + "/activities/I.1/assignment", Map.of("lead", "Sở Nội vụ",
                "coordinators", List.of("Các sở, ban, ngành", "UBND các huyện, thành phố"),
                "reason", "giao nhiệm vụ", "basis", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"))).statusCode())
                .isEqualTo(200);
        assertThat(post(commandSide + "/api/plans/" + plan + "/activities/I.1/milestones/m1/reschedule",
                Map.of("newDue", "2024-08-31", "reason", "chờ hướng dẫn của Bộ Nội vụ",
                        "basis", Map.of("number", "15/UBND-KGVX", "date", "2024-06-01"), "effectiveOn", "2024-06-01"))
                .statusCode()).isEqualTo(200);

        JsonNode activity = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> readJson(get("inspector", querySide + "/api/plans/" + plan + "/activities/I.1")),
                        a -> a.path("version").asLong() == 5);
        assertThat(activity.get("lead").get("id").asText()).isEqualTo("so-noi-vu");
        assertThat(activity.get("coordinators")).extracting(c -> c.get("id").asText())
                .containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(activity.get("milestones")).hasSize(3);
        assertThat(activity.get("milestones").get(0).get("due").asText()).isEqualTo("2024-08-31");
        assertThat(activity.get("milestones").get(0).get("originalDue").asText()).isEqualTo("2024-07-31");
        assertThat(activity.get("milestones").get(1).get("due").asText()).isEqualTo("2024-09-30");
        assertThat(activity.get("milestones").get(2).get("due").asText()).isEqualTo("2024-12-31");

        JsonNode whole = readJson(get("inspector", querySide + "/api/plans/" + plan));
        assertThat(whole.get("activities")).hasSize(1);

        JsonNode workload = readJson(get("inspector", querySide + "/api/plans/" + plan + "/workload"));
        JsonNode noiVu = find(workload.get("agencies"), "so-noi-vu");
        assertThat(noiVu.get("led").get("open").asInt()).isEqualTo(1);
        assertThat(noiVu.get("led").get("direct").asInt()).isEqualTo(1);
        JsonNode moc = find(workload.get("agencies"), "ubnd-huyen-moc-chau");
        assertThat(moc.get("coordinated").get("throughGroup").asInt()).isEqualTo(1);
        assertThat(moc.get("coordinated").get("direct").asInt()).isEqualTo(0);
    }

    @Test
    void theSonLaPlanLoadedAtStartShowsAllActivitiesAsPrinted() throws Exception {
        PlanDocument source = PlanDocuments.sonLa2024();
        JsonNode plan = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> readJson(get("inspector", querySide + "/api/plans/sonla-cchc-2024")),
                        p -> p.path("activities").size() == 81
                                && p.path("activities").findValues("lead").stream().noneMatch(JsonNode::isNull));
        AgencyResolver resolver = new AgencyResolver(AgencyDirectory.standard());
        for (int i = 0; i < 81; i++) {
            ActivityRow row = source.activities().get(i);
            JsonNode activity = plan.get("activities").get(i);
            assertThat(activity.get("code").asText()).isEqualTo(row.code());
            assertThat(activity.get("title").asText()).isEqualTo(row.title());
            assertThat(activity.get("timeline").asText()).isEqualTo(row.timeline());
            List<String> leads = resolver.resolveCell(row.lead()).stream().map(a -> a.id()).distinct().toList();
            assertThat(activity.get("lead").get("id").asText()).as(row.code() + " lead").isEqualTo(leads.get(0));
            assertThat(activity.get("jointLeads")).extracting(j -> j.get("id").asText())
                    .as(row.code() + " joint leads").containsExactlyElementsOf(leads.subList(1, leads.size()));
            List<MilestoneSpec> milestones = TimelineReader.read(row.timeline(), row.productItems(), 2024);
            assertThat(activity.get("milestones")).as(row.code() + " milestones").hasSize(milestones.size());
            for (int m = 0; m < milestones.size(); m++) {
                JsonNode milestone = activity.get("milestones").get(m);
                assertThat(milestone.get("printed").asText()).isEqualTo(milestones.get(m).printed());
                if (milestones.get(m).due().isPresent()) {
                    assertThat(milestone.get("due").asText()).as(row.code() + " " + milestone)
                            .isEqualTo(milestones.get(m).due().get().toString());
                }
            }
        }
        JsonNode i1 = plan.get("activities").get(0);
        assertThat(i1.get("milestones")).extracting(m -> m.get("due").asText())
                .containsExactly("2024-07-31", "2024-09-30", "2024-12-31");

        JsonNode workload = readJson(get("inspector", querySide + "/api/plans/sonla-cchc-2024/workload"));
        assertThat(find(workload.get("agencies"), "so-noi-vu").get("led").get("direct").asInt())
                .isEqualTo((int) source.activities().stream().filter(r -> r.lead().equals("Sở Nội vụ")).count());
        for (JsonNode agency : workload.get("agencies")) {
            if (!agency.get("group").asBoolean() && agency.get("led").get("direct").asInt() > 0) {
                assertThat(agency.get("agency").get("name").asText()).isNotBlank();
            }
        }
        assertThat(find(workload.get("agencies"), "so-tu-phap").get("led").get("direct").asInt()).isPositive();
    }

    @Test
    void rebuildingTheReadModelWhileTheServiceRunsGivesTheSameAnswers() throws Exception {
        String url = querySide + "/api/plans/sonla-cchc-2024";
        JsonNode before = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> readJson(get("inspector", url)), p -> p.path("activities").size() == 81
                        && p.path("activities").findValues("lead").stream().noneMatch(JsonNode::isNull));
        JsonNode workloadBefore = readJson(get("inspector", url + "/workload"));

        HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(URI.create(querySide + "/api/admin/projections/plan/reset"))
                .header("Authorization", basic("inspector")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
        HttpResponse<String> reset = HTTP.send(HttpRequest.newBuilder(URI.create(querySide + "/api/admin/projections/plan/reset"))
                .header("Authorization", basic("admin")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reset.statusCode()).isEqualTo(202);

        // the plan is rebuilt in place: until its replay has caught up it answers 503 READ_MODEL_REBUILDING, never
        // a plan with activities missing; its first 200 comes once the replay has handled every stored event (the
        // next test's new plan would otherwise wait behind a replay of every event the suite has stored)
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> answer = get("inspector", url);
            if (answer.statusCode() == 503) {
                assertThat(readJson(answer).get("code").asText()).isEqualTo("READ_MODEL_REBUILDING");
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                return false;
            }
            assertThat(answer.statusCode()).as("the plan while it is rebuilt: %s", answer.body()).isEqualTo(200);
            return true;
        });
        JsonNode after = readJson(get("inspector", url));
        assertThat(after).isEqualTo(before);
        JsonNode workloadAfter = readJson(get("inspector", url + "/workload"));
        assertThat(workloadAfter.get("agencies")).isEqualTo(workloadBefore.get("agencies"));
    }

    @Test
    void anInspectorSeesABackDatedRescheduleInTheHistoryAsOfValidAtAndTheBaseline() throws Exception {
        String plan = "e2e-pit-" + System.nanoTime();
        String base = querySide + "/api/plans/" + plan;
        post(commandSide + "/api/plans", Map.of("planId", plan, "title", "Kế hoạch CCHC năm 2024", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25")));
        assertThat(post(commandSide + "/api/plans/" + plan + "/activities", Map.of("code", "I.1", "section", "I",
                "title", "Tổ chức đánh giá, thẩm định, công bố Chỉ số CCHC",
                "products", List.of("Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn"),
                "timeline", "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).",
                "notes", "", "effectiveOn", "2023-12-25")).statusCode()).isEqualTo(201);
        post(commandSide + "/api/plans/" + plan + "/activities/I.1/assignment", Map.of("lead", "Sở Y tế",
                "coordinators", List.of(), "reason", "giao nhiệm vụ",
                "basis", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"), "effectiveOn", "2023-12-25"));
        JsonNode before = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> readJson(get("inspector", base + "/activities/I.1/history")).get("entries"), e -> e.size() == 6);
        String beforeChange = before.get(5).get("recordedAt").asText();

        assertThat(post(commandSide + "/api/plans/" + plan + "/activities/I.1/milestones/m1/reschedule",
                Map.of("newDue", "2024-08-31", "reason", "chờ hướng dẫn của Bộ Nội vụ",
                        "basis", Map.of("number", "15/UBND-KGVX", "date", "2024-06-01"), "effectiveOn", "2024-06-01"))
                .statusCode()).isEqualTo(200);
        assertThat(post(commandSide + "/api/plans/" + plan + "/activities/I.1/assignment",
                Map.of("lead", "Sở Nội vụ", "coordinators", List.of(), "reason", "điều chỉnh")).statusCode()).isEqualTo(200);
        JsonNode history = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> readJson(get("inspector", base + "/activities/I.1/history")).get("entries"), e -> e.size() == 8);

        JsonNode reschedule = history.get(6);
        assertThat(reschedule.get("type").asText()).isEqualTo("DeadlineRescheduled");
        assertThat(reschedule.get("actor").get("user").asText()).isEqualTo("admin");
        assertThat(reschedule.get("actor").get("role").asText()).isEqualTo("PLAN_ADMIN");
        assertThat(reschedule.get("effectiveOn").asText()).isEqualTo("2024-06-01");
        assertThat(reschedule.get("basis").get("number").asText()).isEqualTo("15/UBND-KGVX");
        assertThat(reschedule.get("changes").get(0).get("text").asText()).isEqualTo("milestones.m1.due: 2024-07-31 → 2024-08-31");
        assertThat(history.get(7).get("changes").get(0).get("text").asText()).isEqualTo("lead: Sở Y tế → Sở Nội vụ");

        JsonNode asOf = readJson(get("inspector", base + "/activities/I.1?asOf=" + beforeChange));
        assertThat(asOf.get("milestones").get(0).get("due").asText()).isEqualTo("2024-07-31");
        assertThat(asOf.get("lead").get("id").asText()).isEqualTo("so-y-te");
        JsonNode dayBefore = readJson(get("inspector", base + "?validAt=2024-05-31"));
        assertThat(dayBefore.get("activities").get(0).get("milestones").get(0).get("due").asText()).isEqualTo("2024-07-31");
        JsonNode inForce = readJson(get("inspector", base + "?validAt=2024-06-01"));
        assertThat(inForce.get("activities").get(0).get("milestones").get(0).get("due").asText()).isEqualTo("2024-08-31");
        JsonNode knownThen = readJson(get("inspector", base + "?validAt=2024-06-01&asOf=" + beforeChange));
        assertThat(knownThen.get("activities").get(0).get("milestones").get(0).get("due").asText()).isEqualTo("2024-07-31");

        JsonNode baseline = readJson(get("inspector", base + "/baseline?from=" + beforeChange));
        assertThat(baseline.get("deadlinesMoved").get(0).get("daysSlipped").asInt()).isEqualTo(31);
        assertThat(baseline.get("reassignments").get(0).get("leadAfter").get("id").asText()).isEqualTo("so-noi-vu");
        JsonNode withoutBasis = readJson(get("inspector", base + "/changes-without-basis"));
        assertThat(withoutBasis).hasSize(1);
        assertThat(withoutBasis.get(0).get("type").asText()).isEqualTo("ActivityAssigned");
        JsonNode audit = readJson(get("inspector", querySide + "/api/audit?planId=" + plan + "&actor=admin&type=DeadlineRescheduled"));
        assertThat(audit.get("entries")).hasSize(1);
    }

    @Test
    void unknownPlanIsA404ProblemOnTheQuerySide() throws Exception {
        HttpResponse<String> response = get("inspector", querySide + "/api/plans/no-such-plan");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(get(null, querySide + "/api/plans/no-such-plan").statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonalApiTokenWorksOnBothSidesUntilRevoked() throws Exception {
        HttpResponse<String> created = post(commandSide + "/api/me/tokens", Map.of("label", "e2e", "ttl", "PT10M"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode issued = JSON.readTree(created.body());
        String bearer = "Bearer " + issued.get("token").asText();
        String plan = "e2e-token-" + System.nanoTime();
        HttpResponse<String> written = HTTP.send(HttpRequest.newBuilder(URI.create(commandSide + "/api/plans"))
                .header("Content-Type", "application/json").header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("planId", plan, "title", "Kế hoạch",
                        "year", 2024, "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"))), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).isEqualTo(201);
        JsonNode me = readJson(send(bearer, querySide + "/api/me"));
        assertThat(me.get("user").asText()).isEqualTo("admin");
        assertThat(me.get("via").asText()).isEqualTo("token");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(bearer, querySide + "/api/plans/" + plan).statusCode() == 200);

        HttpResponse<String> revoked = post(commandSide + "/api/me/tokens/" + issued.get("details").get("id").asText()
                + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(send(bearer, querySide + "/api/me").statusCode()).isEqualTo(401);
        assertThat(send(bearer, commandSide + "/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void bothServicesPublishOpenApi() throws Exception {
        assertThat(get(null, commandSide + "/v3/api-docs").body()).contains("/api/plans/{planId}/activities/{code}/assignment");
        assertThat(get(null, querySide + "/v3/api-docs").body()).contains("/api/plans/{planId}/workload");
    }

    /** Whether every segment of every processor has handled every stored event. */
    private static boolean caughtUp(JsonNode processors) {
        if (processors.isEmpty()) {
            return false;
        }
        for (JsonNode processor : processors) {
            if (processor.path("rebuilding").asBoolean(true)) {
                return false;
            }
            for (JsonNode segment : processor.path("segments")) {
                if (segment.path("behind").asLong(-1) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode find(JsonNode agencies, String id) {
        for (JsonNode row : agencies) {
            if (row.get("agency").get("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no workload row for " + id + " in " + agencies);
    }

    private static Process start(Path jar, int port) throws IOException {
        Path log = Path.of("target", jar.getFileName() + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-jar", jar.toString(), "--server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_PROFILES_ACTIVE", "demo");
        builder.environment().put("PLANLEDGER_LOG_DIR", "target/logs");
        return builder.start();
    }

    private static Path jar(String module) throws IOException {
        Path target = Path.of("..", module, "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build " + module + " first: no jar in " + target.toAbsolutePath()));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> post(String url, Object body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", basic("admin"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String user, String url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String authorization, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode readJson(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }
}
