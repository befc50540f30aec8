package org.planledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * An amendment decision imported from the plan's table with its column Điều chỉnh, over real HTTP against the real
 * PostgreSQL event store: one decision with the changes the marked rows make (only what differs from the activity
 * now), or, for a file with any bad row, nothing at all and every bad row named.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AmendmentImportIT {

    static final List<String> HEADER = List.of("STT", "Danh mục các hoạt động", "Kết quả/Sản phẩm", "Chủ trì",
            "Phối hợp", "Thời gian", "Ghi chú", "Điều chỉnh");
    static final String TIMELINE = "- Kế hoạch (Tháng 3/2024); - Báo cáo (quý IV/2024)";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    private String plan;

    @BeforeEach
    void createPlanWithFourActivitiesLedBySoNoiVu() {
        plan = "amend-file-" + System.nanoTime();
        assertThat(postJson("/api/plans", Map.of("planId", plan, "title", "Kế hoạch thử", "year", 2024,
                "decision", Map.of("number", "2880/QĐ-UBND", "date", "2023-12-25"))).getStatusCode().value())
                .isEqualTo(201);
        for (String code : List.of("I.1", "I.2", "I.3", "I.4")) {
            assertThat(postJson("/api/plans/" + plan + "/activities", Map.of("code", code, "section", "I",
                    "title", "Hoạt động " + code, "products", List.of("Kế hoạch", "Báo cáo"), "timeline", TIMELINE,
                    "notes", "")).getStatusCode().value()).isEqualTo(201);
            assertThat(postJson("/api/plans/" + plan + "/activities/" + code + "/assignment", Map.of("lead", "so-noi-vu",
                    "coordinators", List.of("so-tu-phap"), "reason", "như kế hoạch")).getStatusCode().value())
                    .isEqualTo(200);
        }
    }

    /** I.1 gets a new timeline, I.2 a new lead, I.3 is withdrawn, I.5 is added; I.4 is unmarked and stays. */
    private static List<List<String>> fourChanges() {
        return List.of(HEADER,
                List.of("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "", "", "", "", "", ""),
                List.of("1", "Hoạt động I.1", "- Kế hoạch;\n- Báo cáo.", "Sở Nội vụ", "Sở Tư pháp",
                        "- Kế hoạch (Tháng 3/2024); - Báo cáo (Tháng 11/2024)", "", "điều chỉnh"),
                List.of("2", "Hoạt động I.2", "- Kế hoạch;\n- Báo cáo.", "Sở Tư pháp", "Sở Nội vụ", TIMELINE, "", "Dieu Chinh"),
                List.of("3", "Hoạt động I.3", "", "", "", "", "không còn phù hợp", "BÃI BỎ"),
                List.of("4", "Hoạt động I.4 (không đổi)", "", "Sở Tư pháp", "", "khi nào rảnh", "", ""),
                List.of("5", "Tổ chức hội nghị", "Hội nghị", "Sở Nội vụ", "", "Quý III/2024", "", "added"));
    }

    @Test
    void aCsvWithOneAddedTwoChangedAndOneWithdrawnRowRecordsOneDecisionWithFourChanges() throws IOException {
        recordsTheFourChanges(csv(fourChanges()), "amendment.csv");
    }

    @Test
    void anXlsxInTheSameLayoutIsRecordedTheSameWay() throws IOException {
        recordsTheFourChanges(workbook(fourChanges()), "amendment.xlsx");
    }

    private void recordsTheFourChanges(byte[] file, String filename) throws IOException {
        long lastBefore = lastIndex();
        ResponseEntity<JsonNode> recorded = upload("admin", file, filename, "21/QĐ-UBND", "\"4\"", "file-21");
        assertThat(recorded.getStatusCode().value()).as(String.valueOf(recorded.getBody())).isEqualTo(200);
        assertThat(recorded.getBody().get("changes").asInt()).isEqualTo(4);
        assertThat(recorded.getHeaders().getETag()).isEqualTo("\"" + recorded.getBody().get("version").asLong() + "\"");

        List<Map<String, Object>> rows = jdbc.queryForList("""
                select aggregate_identifier as id, payload_type as type,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'decisionNumber' as decision,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'effectiveOn' as effective
                from domain_event_entry where aggregate_identifier like ? and global_index > ?
                order by global_index""", plan + "%", lastBefore);
        assertThat(rows).extracting(r -> r.get("id").toString().replace(plan, "") + " " + r.get("type")).containsExactly(
                " AmendmentDecided",
                "/I.1 ActivityAmended", "/I.1 MilestoneWithdrawn", "/I.1 MilestoneScheduled",
                "/I.2 ActivityAssigned",
                "/I.3 ActivityCancelled",
                " ActivityAddedToPlan", "/I.5 ActivityRegistered", "/I.5 MilestoneScheduled", "/I.5 ActivityAssigned");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("decision")).isEqualTo("21/QĐ-UBND");
            assertThat(r.get("effective")).isEqualTo("2024-06-15");
        });

        JsonNode decided = payload(plan, "AmendmentDecided");
        assertThat(decided.get("changes")).extracting(c -> c.get("kind").asText() + " " + c.get("code").asText())
                .containsExactly("AMEND I.1", "REASSIGN I.2", "CANCEL I.3", "ADD I.5");
        JsonNode amended = payload(plan + "/I.1", "ActivityAmended");
        assertThat(amended.get("timeline").asText()).isEqualTo("- Kế hoạch (Tháng 3/2024); - Báo cáo (Tháng 11/2024)");
        assertThat(amended.get("title").asText()).as("the title did not change").isEqualTo("Hoạt động I.1");
        JsonNode reassigned = lastPayload(plan + "/I.2", "ActivityAssigned");
        assertThat(reassigned.get("lead").get("id").asText()).isEqualTo("so-tu-phap");
        assertThat(reassigned.get("coordinators")).extracting(c -> c.get("id").asText()).containsExactly("so-noi-vu");
        assertThat(payload(plan + "/I.3", "ActivityCancelled").get("reason").asText()).isEqualTo("không còn phù hợp");
        assertThat(payload(plan + "/I.5", "ActivityRegistered").get("section").asText()).isEqualTo("I");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and global_index > ?", Long.class, plan + "/I.4", lastBefore)).as("unmarked row ignored").isZero();

        ResponseEntity<JsonNode> replayed = upload("admin", file, filename, "21/QĐ-UBND", "\"4\"", "file-21");
        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        assertThat(replayed.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ? "
                + "and global_index > ?", Long.class, plan + "%", lastBefore)).isEqualTo(10L);
    }

    @Test
    void aFileWithAnUnknownMarkAndAnUnknownAgencyRecordsNothingAndNamesBothRows() throws IOException {
        long before = events();
        List<List<String>> rows = new ArrayList<>(fourChanges());
        rows.set(3, List.of("2", "Hoạt động I.2", "", "Sở Tư pháp", "", "", "", "sửa"));
        rows.set(6, List.of("5", "Tổ chức hội nghị", "Hội nghị", "Sở Không Tồn Tại", "", "Quý III/2024", "", "bổ sung"));
        ResponseEntity<JsonNode> refused = upload("admin", csv(rows), "amendment.csv", "22/QĐ-UBND", null, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode errors = refused.getBody().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(4);
        assertThat(errors.get(0).get("code").asText()).isEqualTo("I.2");
        assertThat(errors.get(0).get("column").asText()).isEqualTo("Điều chỉnh");
        assertThat(errors.get(0).get("rule").asText()).isEqualTo("mark-known");
        assertThat(errors.get(1).get("row").asInt()).isEqualTo(7);
        assertThat(errors.get(1).get("code").asText()).isEqualTo("I.5");
        assertThat(errors.get(1).get("column").asText()).isEqualTo("Chủ trì");
        assertThat(errors.get(1).get("reason").asText()).contains("Sở Không Tồn Tại");
        assertThat(events()).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void aChangedRowThatChangesNothingAndAnAddOfAnExistingCodeAreRowErrors() throws IOException {
        long before = events();
        ResponseEntity<JsonNode> refused = upload("admin", csv(List.of(HEADER,
                List.of("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "", "", "", "", "", ""),
                List.of("1", "Hoạt động I.1", "", "Sở Nội vụ", "Sở Tư pháp", TIMELINE, "", "changed"),
                List.of("2", "Hoạt động mới", "", "Sở Nội vụ", "", "Quý III/2024", "", "bổ sung"),
                List.of("9", "Hoạt động I.9", "", "", "", "", "", "bãi bỏ"))), "amendment.csv", "23/QĐ-UBND", null, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("errors")).extracting(e -> e.get("row").asInt() + " " + e.get("rule").asText())
                .containsExactly("3 no-change", "4 code-free", "5 activity-exists");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aRuleTheDecisionBreaksIsNamedByItsRow() throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(rest.withBasicAuth("officer-so-noi-vu", "demo").postForEntity("/api/plans/" + plan
                + "/activities/I.1/milestones/m1/completion", new HttpEntity<>(Map.of("completedOn", "2024-03-15",
                "note", "Kế hoạch số 12/KH-SNV"), headers), JsonNode.class).getStatusCode().value()).isEqualTo(200);
        long before = events();
        ResponseEntity<JsonNode> refused = upload("admin", csv(List.of(HEADER,
                List.of("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "", "", "", "", "", ""),
                List.of("4", "Hoạt động I.4", "", "", "", "", "gộp vào I.1", "bãi bỏ"),
                List.of("1", "Hoạt động I.1", "", "", "", "- Kế hoạch (Tháng 4/2024); - Báo cáo (quý IV/2024)", "",
                        "điều chỉnh"))), "amendment.csv", "24/QĐ-UBND", null, null);
        assertThat(refused.getStatusCode().value()).as(String.valueOf(refused.getBody())).isEqualTo(422);
        JsonNode errors = refused.getBody().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(4);
        assertThat(errors.get(0).get("code").asText()).isEqualTo("I.1");
        assertThat(errors.get(0).get("column").asText()).isEqualTo("Thời gian");
        assertThat(errors.get(0).get("rule").asText()).isEqualTo("completed-milestone-kept");
        assertThat(events()).as("the withdrawal of I.4 is not recorded either").isEqualTo(before);
    }

    @Test
    void aFileBasedOnAnOlderPlanVersionIsAVersionMismatch() throws IOException {
        long before = events();
        ResponseEntity<JsonNode> stale = upload("admin", csv(fourChanges()), "amendment.csv", "26/QĐ-UBND", "\"1\"", null);
        assertThat(stale.getStatusCode().value()).isEqualTo(412);
        assertThat(stale.getBody().get("currentVersion").asLong()).isEqualTo(4);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anAgencyOfficerMayNotImportADecision() throws IOException {
        long before = events();
        ResponseEntity<JsonNode> refused = upload("officer-so-noi-vu", csv(fourChanges()), "amendment.csv",
                "25/QĐ-UBND", null, null);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(events()).isEqualTo(before);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ?",
                Long.class, plan + "%");
    }

    private long lastIndex() {
        return jdbc.queryForObject("select max(global_index) from domain_event_entry where aggregate_identifier like ?",
                Long.class, plan + "%");
    }

    private JsonNode payload(String aggregate, String type) throws IOException {
        return json.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = ?", String.class, aggregate, type));
    }

    private JsonNode lastPayload(String aggregate, String type) throws IOException {
        return json.readTree(jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = ? order by sequence_number desc limit 1",
                String.class, aggregate, type));
    }

    private ResponseEntity<JsonNode> postJson(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("admin", "demo").postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> upload(String user, byte[] content, String filename, String decisionNumber,
            String ifMatch, String idempotencyKey) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        form.add("decisionNumber", decisionNumber);
        form.add("decisionDate", "2024-06-10");
        form.add("effectiveOn", "2024-06-15");
        form.add("summary", "Điều chỉnh, bổ sung Kế hoạch CCHC năm 2024");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey + "-" + plan);
        }
        return rest.withBasicAuth(user, "demo").postForEntity("/api/plans/" + plan + "/amendments/import",
                new HttpEntity<>(form, headers), JsonNode.class);
    }

    static byte[] csv(List<List<String>> rows) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] workbook(List<List<String>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Điều chỉnh");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
