package org.planledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.planledger.command.security.ApiClient.Credentials;
import org.planledger.command.security.ApiClient.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every role against every write route of the command side, over real HTTP against PostgreSQL, each cell on fresh
 * data. An allowed cell must succeed and its event must name the caller (user, role, agency); a refused cell must be
 * a problem+json 401/403, append no event, and leave a line in the security log. The table is printed and written to
 * target/access-matrix.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AccessMatrixIT {

    static final Path SECURITY_LOG = Path.of("target", "logs", "security-planledger-command.log");
    static final String STRONG = "Matrix-passw0rd";

    /** Who calls. The activity of every cell is led by so-noi-vu and coordinated by the group cac-so-ban-nganh. */
    enum Subject {
        PLAN_ADMIN("admin", "PLAN_ADMIN", ""),
        SYSTEM("system", "SYSTEM", ""),
        OFFICER_LEAD("officer-so-noi-vu", "AGENCY_OFFICER", "so-noi-vu"),
        OFFICER_VIA_GROUP("officer-so-tu-phap", "AGENCY_OFFICER", "so-tu-phap"),
        OFFICER_OTHER_AGENCY("officer-ubnd-huyen-moc-chau", "AGENCY_OFFICER", "ubnd-huyen-moc-chau"),
        INSPECTOR("inspector", "INSPECTOR", ""),
        ANONYMOUS(null, null, "");

        final String user;
        final String role;
        final String agency;

        Subject(String user, String role, String agency) {
            this.user = user;
            this.role = role;
            this.agency = agency;
        }

        Credentials credentials() {
            return user == null ? Credentials.NONE : Credentials.demo(user);
        }

        String label() {
            return switch (this) {
                case OFFICER_LEAD -> "AGENCY_OFFICER, lead agency (" + user + ")";
                case OFFICER_VIA_GROUP -> "AGENCY_OFFICER, coordinating group member (" + user + ")";
                case OFFICER_OTHER_AGENCY -> "AGENCY_OFFICER, other agency (" + user + ")";
                case ANONYMOUS -> "anonymous (no credentials)";
                default -> role + " (" + user + ")";
            };
        }
    }

    enum Route {
        CREATE_PLAN("create plan"), IMPORT("import plan file"), REGISTER("register"), ASSIGN("assign"), RESCHEDULE("reschedule"),
        REPORT("report"), REPORT_FOR_OTHER_AGENCY("report as other agency"), COMPLETE("complete milestone"),
        CANCEL("cancel"), AMEND("amend"), DECIDE("amendment decision"), DECIDE_FILE("amendment decision file"), ADD_USER("admin: add user"),
        DISABLE_USER("admin: disable user"), REVIEW_REPORT("review report"), URGE("urging notice");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** The rules of the issue, one row per subject, columns in {@link Route} order. */
    static final Map<Subject, int[]> EXPECTED = new EnumMap<>(Map.of(
            Subject.PLAN_ADMIN, new int[] {201, 200, 201, 200, 200, 403, 403, 403, 200, 200, 200, 200, 201, 200, 200, 200},
            Subject.SYSTEM, new int[] {201, 200, 201, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403},
            Subject.OFFICER_LEAD, new int[] {403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403},
            Subject.OFFICER_VIA_GROUP, new int[] {403, 403, 403, 403, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403},
            Subject.OFFICER_OTHER_AGENCY, new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403},
            Subject.INSPECTOR, new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403},
            Subject.ANONYMOUS, new int[] {401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401}));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private ApiClient api;
    private final AtomicInteger serial = new AtomicInteger();
    private final String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private String plan;

    @Test
    void everyRoleAgainstEveryWriteRouteIsAllowedOrRefusedAsTheIssueSays() throws Exception {
        api = new ApiClient(json, port);
        plan = "mx-" + run;
        assertThat(api.post(Credentials.demo("admin"), "/api/plans", planBody(plan)).status()).isEqualTo(201);

        List<String> failures = new ArrayList<>();
        Map<Subject, String[]> table = new EnumMap<>(Subject.class);
        for (Subject subject : Subject.values()) {
            String[] row = new String[Route.values().length];
            for (Route route : Route.values()) {
                int expected = EXPECTED.get(subject)[route.ordinal()];
                List<String> problems = new ArrayList<>();
                int actual = cell(subject, route, expected, problems);
                row[route.ordinal()] = (actual == expected && problems.isEmpty() ? "" : "✗ ") + actual
                        + (actual == expected ? "" : " (expected " + expected + ")");
                problems.forEach(p -> failures.add(subject + " × " + route + ": " + p));
                if (actual != expected) {
                    failures.add(subject + " × " + route + ": status " + actual + ", expected " + expected);
                }
            }
            table.put(subject, row);
        }
        String printed = render(table, failures);
        System.out.println(printed);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "access-matrix.md"), printed, StandardCharsets.UTF_8);
        assertThat(failures).isEmpty();
    }

    /** Runs one cell on fresh data and checks what it left behind; answers the status. */
    private int cell(Subject subject, Route route, int expected, List<String> problems) throws Exception {
        int n = serial.incrementAndGet();
        String code = "I." + n;
        String activity = "/api/plans/" + plan + "/activities/" + code;
        String aggregate = plan + "/" + code;
        String path;
        Object body;
        switch (route) {
            case CREATE_PLAN -> {
                aggregate = plan + "-" + n;
                path = "/api/plans";
                body = planBody(aggregate);
            }
            case IMPORT -> {
                aggregate = plan + "-" + n;
                long logBefore = Files.exists(SECURITY_LOG) ? Files.size(SECURITY_LOG) : 0;
                Response response = api.upload(subject.credentials(), "/api/plans/import?planId=" + aggregate
                        + "&title=Kế hoạch nhập&year=2024&decisionNumber=1/QĐ-UBND", "plan.csv", planCsv());
                if (response.status() != expected) {
                    problems.add("answer " + response.body());
                }
                if (response.status() >= 400) {
                    checkRefusal(subject, "/api/plans/import", response, aggregate, 0, logBefore, problems);
                } else {
                    checkActorRecorded(subject, aggregate, problems);
                }
                return response.status();
            }
            case REGISTER -> {
                path = "/api/plans/" + plan + "/activities";
                body = activityBody(code);
            }
            case ASSIGN -> {
                prepareActivity(code);
                path = activity + "/assignment";
                body = Map.of("lead", "so-noi-vu", "coordinators", List.of("cac-so-ban-nganh", "ubnd-cap-huyen"),
                        "reason", "thêm UBND cấp huyện", "basis", Map.of("number", "9/QĐ-UBND", "date", "2024-02-01"));
            }
            case RESCHEDULE -> {
                prepareActivity(code);
                path = activity + "/milestones/m1/reschedule";
                body = Map.of("newDue", "2024-10-31", "reason", "chờ hướng dẫn", "effectiveOn", "2024-09-01");
            }
            case REPORT -> {
                prepareActivity(code);
                path = activity + "/reports";
                body = reportBody(subject.agency.isEmpty() ? "so-noi-vu" : subject.agency);
            }
            case REPORT_FOR_OTHER_AGENCY -> {
                prepareActivity(code);
                path = activity + "/reports";
                body = reportBody("so-noi-vu".equals(subject.agency) ? "so-tu-phap" : "so-noi-vu");
            }
            case COMPLETE -> {
                prepareActivity(code);
                path = activity + "/milestones/m1/completion";
                body = Map.of("completedOn", "2024-09-15", "note", "Quyết định số " + n);
            }
            case CANCEL -> {
                prepareActivity(code);
                path = activity + "/cancellation";
                body = Map.of("reason", "gộp vào I.1", "effectiveOn", "2024-09-01");
            }
            case AMEND -> {
                prepareActivity(code);
                path = activity + "/amendment";
                body = Map.of("title", "Ban hành Kế hoạch (điều chỉnh)", "reason", "điều chỉnh tên",
                        "basis", Map.of("number", "12/QĐ-UBND", "date", "2024-03-01"), "effectiveOn", "2024-03-01");
            }
            case DECIDE -> {
                prepareActivity(code);
                aggregate = plan;
                path = "/api/plans/" + plan + "/amendments";
                body = Map.of("decision", Map.of("number", n + "/QĐ-UBND", "date", "2024-06-10"),
                        "summary", "điều chỉnh kế hoạch", "changes", List.of(Map.of("kind", "cancel", "code", code)));
            }
            case DECIDE_FILE -> {
                prepareActivity(code);
                long eventsBefore = events(plan);
                long logBefore = Files.exists(SECURITY_LOG) ? Files.size(SECURITY_LOG) : 0;
                String filePath = "/api/plans/" + plan + "/amendments/import";
                Response response = api.upload(subject.credentials(), filePath + "?decisionNumber=" + n
                        + "/QĐ-UBND-file&decisionDate=2024-06-10&summary=bãi bỏ hoạt động", "amendment.csv",
                        ("\uFEFFSTT,Danh mục các hoạt động,Kết quả/Sản phẩm,Chủ trì,Phối hợp,Thời gian,Ghi chú,Điều chỉnh\r\n"
                                + "I,CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC,,,,,,\r\n"
                                + n + ",Hoạt động " + code + ",,,,,,bãi bỏ\r\n").getBytes(StandardCharsets.UTF_8));
                if (response.status() != expected) {
                    problems.add("answer " + response.body());
                }
                if (response.status() >= 400) {
                    checkRefusal(subject, filePath, response, plan, eventsBefore, logBefore, problems);
                } else {
                    checkActorRecorded(subject, plan, problems);
                }
                return response.status();
            }
            case REVIEW_REPORT -> {
                prepareActivity(code);
                assertThat(api.post(Credentials.demo("officer-so-noi-vu"), activity + "/reports", reportBody("so-noi-vu"))
                        .status()).isEqualTo(200);
                path = activity + "/reports/r1/review";
                body = Map.of("outcome", "RETURNED", "reason", "thiếu danh mục sản phẩm");
            }
            case URGE -> {
                prepareActivity(code);
                path = "/api/plans/" + plan + "/notices";
                body = Map.of("agency", "so-noi-vu", "documentNumber", n + "/SNV-CCHC", "sentOn", "2024-09-01",
                        "milestones", List.of(Map.of("code", code, "milestoneId", "m1")));
            }
            case ADD_USER -> {
                aggregate = null;
                path = "/api/admin/users";
                body = Map.of("username", "mx-" + run + "-" + n, "role", "INSPECTOR", "password", STRONG);
            }
            case DISABLE_USER -> {
                aggregate = null;
                String victim = "mx-" + run + "-" + n;
                assertThat(api.post(Credentials.demo("admin"), "/api/admin/users",
                        Map.of("username", victim, "role", "INSPECTOR", "password", STRONG)).status()).isEqualTo(201);
                path = "/api/admin/users/" + victim + "/disable";
                body = Map.of();
            }
            default -> throw new IllegalStateException(route.name());
        }
        long eventsBefore = aggregate == null ? 0 : events(aggregate);
        long logBefore = Files.exists(SECURITY_LOG) ? Files.size(SECURITY_LOG) : 0;
        Response response = api.post(subject.credentials(), path, body);
        if (response.status() != expected) {
            problems.add("answer " + response.body());
        }
        if (response.status() >= 400) {
            checkRefusal(subject, path, response, aggregate, eventsBefore, logBefore, problems);
        } else if (aggregate != null) {
            checkActorRecorded(subject, aggregate, problems);
        } else if (route == Route.ADD_USER) {
            String username = "mx-" + run + "-" + n;
            Boolean enabled = jdbc.queryForObject("select enabled from app_user where username = ?", Boolean.class, username);
            if (!Boolean.TRUE.equals(enabled)) {
                problems.add("account " + username + " not added");
            }
        } else {
            Boolean enabled = jdbc.queryForObject("select enabled from app_user where username = ?", Boolean.class,
                    "mx-" + run + "-" + n);
            if (!Boolean.FALSE.equals(enabled)) {
                problems.add("account not disabled");
            }
        }
        return response.status();
    }

    private void checkRefusal(Subject subject, String path, Response response, String aggregate, long eventsBefore,
            long logBefore, List<String> problems) throws Exception {
        if (!response.isProblem()) {
            problems.add("refusal is not problem+json: " + response.contentType());
        }
        String code = response.status() == 401 ? "UNAUTHENTICATED" : "FORBIDDEN";
        if (!code.equals(response.code())) {
            problems.add("code " + response.code() + ", expected " + code);
        }
        if (aggregate != null && events(aggregate) != eventsBefore) {
            problems.add("a refused command appended events");
        }
        // what was logged since: logBefore counts bytes, so the new part is cut from the bytes before decoding (a
        // character index would land past it as soon as the log holds text other than ASCII)
        byte[] log = Files.readAllBytes(SECURITY_LOG);
        int since = (int) Math.min(logBefore, log.length);
        String logged = new String(log, since, log.length - since, StandardCharsets.UTF_8);
        String expectedLine = "status=" + response.status() + " user=" + (subject.user == null ? "-" : subject.user);
        boolean found = logged.lines().anyMatch(l -> l.contains("event=denied") && l.contains(expectedLine)
                && l.contains("route=" + path + " ") && l.contains("reason=\""));
        if (!found) {
            problems.add("no security log line '" + expectedLine + " … route=" + path + "' in: " + logged);
        }
    }

    private void checkActorRecorded(Subject subject, String aggregate, List<String> problems) throws Exception {
        String meta = jdbc.queryForObject("""
                select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?
                order by sequence_number desc limit 1""", String.class, aggregate);
        JsonNode node = json.readTree(meta);
        if (!subject.user.equals(node.path("actorUser").asText()) || !subject.role.equals(node.path("actorRole").asText())
                || !subject.agency.equals(node.path("actorAgency").asText())) {
            problems.add("event names actor " + node.path("actorUser") + "/" + node.path("actorRole") + "/"
                    + node.path("actorAgency"));
        }
    }

    private long events(String aggregate) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregate);
    }

    /** An activity led by so-noi-vu and coordinated by all provincial departments, due end of September 2024. */
    private void prepareActivity(String code) throws Exception {
        Credentials admin = Credentials.demo("admin");
        assertThat(api.post(admin, "/api/plans/" + plan + "/activities", activityBody(code)).status()).isEqualTo(201);
        assertThat(api.post(admin, "/api/plans/" + plan + "/activities/" + code + "/assignment", Map.of("lead", "so-noi-vu",
                "coordinators", List.of("cac-so-ban-nganh"), "reason", "giao nhiệm vụ")).status()).isEqualTo(200);
    }

    private static Map<String, Object> planBody(String planId) {
        return Map.of("planId", planId, "title", "Kế hoạch thử quyền", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"));
    }

    private static Map<String, Object> activityBody(String code) {
        return Map.of("code", code, "section", "I", "title", "Ban hành Kế hoạch", "products", List.of("Kế hoạch"),
                "timeline", "Tháng 9/2024", "notes", "");
    }

    /** A plan file of one section and one activity, as an office would export it. */
    private static byte[] planCsv() {
        return ("\uFEFFSTT,Danh mục các hoạt động,Kết quả/Sản phẩm,Chủ trì,Phối hợp,Thời gian,Ghi chú\r\n"
                + "I,CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC,,,,,\r\n"
                + "1,Ban hành Kế hoạch,- Kế hoạch,Sở Nội vụ,\"Các sở, ban, ngành\",Tháng 01/2024,\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> reportBody(String agency) {
        return Map.of("agency", agency, "milestoneId", "m1", "summary", "Đã ban hành", "documentNumber", "45/KH",
                "sentOn", "2024-09-01");
    }

    private static String render(Map<Subject, String[]> table, List<String> failures) {
        StringBuilder out = new StringBuilder("\nCommand side: who may write what (HTTP status; ✗ marks a cell that broke a rule)\n\n| caller |");
        for (Route route : Route.values()) {
            out.append(' ').append(route.label).append(" |");
        }
        out.append("\n|---|").append("---|".repeat(Route.values().length)).append('\n');
        table.forEach((subject, row) -> {
            out.append("| ").append(subject.label()).append(" |");
            for (String cell : row) {
                out.append(' ').append(cell).append(" |");
            }
            out.append('\n');
        });
        out.append("\nChecked in every cell: allowed → the event names the caller's user, role and agency (accounts: the "
                + "row changed); refused → problem+json UNAUTHENTICATED/FORBIDDEN, no event appended, a security log line "
                + "with user, route and reason.\n");
        out.append(failures.isEmpty() ? "All cells as expected.\n" : "Broken cells:\n  " + String.join("\n  ", failures) + "\n");
        return out.toString();
    }
}
