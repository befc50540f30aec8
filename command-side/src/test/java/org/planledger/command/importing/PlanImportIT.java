package org.planledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

/** Loading plans through the commands, against the real event store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class PlanImportIT {

    static final String SON_LA = "sonla-cchc-2024";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.planledger.command.support.LedgerCommands commands;

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    @Test
    void theSonLaPlanIsLoadedAtStartThroughTheCommandsAttributedToTheSystem() {
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ? "
                + "and payload_type = 'ActivityRegistered'", Long.class, SON_LA + "/%")).isEqualTo(81L);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ? "
                + "and payload_type = 'ActivityAssigned'", Long.class, SON_LA + "/%")).isEqualTo(81L);
        assertThat(jdbc.queryForList("select distinct convert_from(meta_data, 'UTF8')::jsonb ->> 'actorUser' "
                + "from domain_event_entry where aggregate_identifier like ?", String.class, SON_LA + "%"))
                .containsExactly("system");
        assertThat(jdbc.queryForList("select distinct convert_from(meta_data, 'UTF8')::jsonb ->> 'effectiveOn' "
                + "from domain_event_entry where aggregate_identifier like ?", String.class, SON_LA + "%"))
                .as("the whole plan is in force from the start of its year").containsExactly("2024-01-01");
        List<String> i5 = jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, SON_LA + "/I.5");
        assertThat(i5).containsExactly("ActivityRegistered", "MilestoneScheduled", "MilestoneScheduled", "ActivityAssigned");
    }

    @Test
    void importingTheSameFileAgainAddsNoEvents() throws IOException {
        long before = events();
        byte[] file = getClass().getResourceAsStream("/org/planledger/shared/plan/sonla-cchc-2024.json").readAllBytes();
        ResponseEntity<JsonNode> response = upload("system", file, "sonla.json", null);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get("activitiesAlreadyPresent").asInt()).isEqualTo(81);
        assertThat(response.getBody().get("activitiesRegistered").asInt()).isZero();
        assertThat(events()).isEqualTo(before);
    }

    /**
     * The import decides what the ledger holds from every event of an activity, not from what follows its latest
     * snapshot (which holds no ActivityAssigned): a second start of the command side after a busy day imports nothing.
     */
    @Test
    void importingAgainAfterAnActivityHasASnapshotAssignsNothingTwice() throws IOException {
        String plan = "snapimport-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        byte[] file = new String(getClass().getResourceAsStream("/org/planledger/shared/plan/sonla-cchc-2024.json")
                .readAllBytes(), StandardCharsets.UTF_8).replace("\"sonla-cchc-2024\"", "\"" + plan + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(upload("system", file, "plan.json", null).getStatusCode().value()).isEqualTo(200);
        String activity = org.planledger.shared.api.ActivityId.of(plan, "IV.8");
        java.time.LocalDate due = java.time.LocalDate.of(2025, 1, 1);
        for (int i = 0; i < 60; i++) {
            due = due.plusDays(1);
            commands.sendAs(new org.planledger.command.support.Actor("admin", "", "PLAN_ADMIN"),
                    new org.planledger.shared.api.RescheduleDeadline(activity, null, "m1", due, "lùi hạn", null, null),
                    org.planledger.command.support.LedgerCommands.Change.NONE);
        }
        assertThat(jdbc.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                Long.class, activity)).as("IV.8 has a snapshot").isPositive();

        long before = events();
        ResponseEntity<JsonNode> again = upload("system", file, "plan.json", null);
        assertThat(again.getStatusCode().value()).as(String.valueOf(again.getBody())).isEqualTo(200);
        assertThat(again.getBody().get("activitiesAlreadyPresent").asInt()).isEqualTo(81);
        assertThat(again.getBody().get("activitiesAssigned").asInt()).isZero();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anXlsxWithABadRowIsRefusedWithItsRowNumberAndNothingIsImported() throws IOException {
        String plan = "xlsx-bad-" + System.nanoTime();
        byte[] file = workbook(List.of(
                List.of("STT", "Danh mục các hoạt động", "Kết quả/Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú"),
                List.of("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "", "", "", "", ""),
                List.of("1", "Ban hành Kế hoạch", "- Kế hoạch", "Sở Nội vụ", "Các sở, ban, ngành", "Tháng 01/2024", ""),
                List.of("2", "Kiểm tra", "- Báo cáo", "Sở Không Tồn Tại", "Sở Tư pháp", "quý II/2024", ""),
                List.of("3", "Tuyên truyền", "- Quyết định", "Sở Tư pháp", "", "khi nào rảnh", "")));
        long before = events();
        ResponseEntity<JsonNode> response = upload("admin", file, "plan.xlsx", plan);
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode errors = response.getBody().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(4);
        assertThat(errors.get(0).get("column").asText()).isEqualTo("Chủ trì");
        assertThat(errors.get(0).get("reason").asText()).contains("Sở Không Tồn Tại");
        assertThat(errors.get(1).get("row").asInt()).isEqualTo(5);
        assertThat(errors.get(1).get("column").asText()).isEqualTo("Thời gian");
        assertThat(events()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ?",
                Long.class, plan + "%")).isZero();
    }

    @Test
    void aGoodXlsxAndCsvImportAndASecondImportAddsNothing() throws IOException {
        String plan = "xlsx-good-" + System.nanoTime();
        List<List<String>> rows = List.of(
                List.of("STT", "Danh mục các hoạt động", "Kết quả/Sản phẩm", "Chủ trì", "Phối hợp", "Thời gian", "Ghi chú"),
                List.of("II", "CẢI CÁCH THỂ CHẾ", "", "", "", "", ""),
                List.of("1", "Xây dựng văn bản QPPL", "- Quyết định;\n- Báo cáo.", "Sở Tư pháp",
                        "Các sở, ban, ngành, UBND các huyện, thành phố", "- Quyết định (tháng 3/2024);\n- Báo cáo (quý IV/2024)", ""),
                List.of("2", "Rà soát", "Báo cáo", "Văn phòng UBND tỉnh, các sở, ban, ngàn; UBND các huyện, thành phố,",
                        "Sở Thông tin và Truyền thông", "Năm 2024", ""));
        ResponseEntity<JsonNode> first = upload("admin", workbook(rows), "plan.xlsx", plan);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody().get("activitiesRegistered").asInt()).isEqualTo(2);
        List<String> types = jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, plan + "/II.1");
        assertThat(types).containsExactly("ActivityRegistered", "MilestoneScheduled", "MilestoneScheduled", "ActivityAssigned");
        String assigned = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = 'ActivityAssigned'", String.class, plan + "/II.2");
        JsonNode leads = json.readTree(assigned);
        assertThat(leads.get("lead").get("id").asText()).isEqualTo("van-phong-ubnd-tinh");
        assertThat(leads.get("jointLeads")).extracting(j -> j.get("id").asText())
                .containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");

        long before = events();
        assertThat(upload("admin", workbook(rows), "plan.xlsx", plan).getBody().get("activitiesAlreadyPresent").asInt()).isEqualTo(2);
        assertThat(events()).isEqualTo(before);

        String csvPlan = "csv-good-" + System.nanoTime();
        StringBuilder csv = new StringBuilder("\uFEFF");
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").toList())).append("\r\n");
        }
        ResponseEntity<JsonNode> fromCsv = upload("admin", csv.toString().getBytes(StandardCharsets.UTF_8), "plan.csv", csvPlan);
        assertThat(fromCsv.getStatusCode().value()).isEqualTo(200);
        assertThat(fromCsv.getBody().get("activitiesRegistered").asInt()).isEqualTo(2);
    }

    @Test
    void onlyPlanAdminsAndTheSystemImport() {
        ResponseEntity<JsonNode> response = upload("inspector", "{}".getBytes(StandardCharsets.UTF_8), "x.json", null);
        assertThat(response.getStatusCode().value()).isEqualTo(403);
    }

    private ResponseEntity<JsonNode> upload(String user, byte[] content, String filename, String planId) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        String query = planId == null ? "" : "?planId=" + planId + "&title=Kế hoạch thử&year=2024&decisionNumber=1/QĐ-UBND";
        return rest.withBasicAuth(user, "demo").postForEntity("/api/plans/import" + query, new HttpEntity<>(form, headers),
                JsonNode.class);
    }

    private static byte[] workbook(List<List<String>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Kế hoạch");
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
