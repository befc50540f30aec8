package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;

/**
 * Inspection reports of the Sơn La plan after a scripted year of changes (reschedules with and without a legal
 * basis, on-time and late reports, a completion), each format opened with a real reader and checked against what
 * the ledger recorded, and stamped with a digest that the verification endpoint confirms.
 */
class InspectionReportIT {

    static final Instant CUT_OFF = Instant.parse("2024-12-31T17:00:00Z");
    static final DocumentRef BASIS = new DocumentRef("15/UBND-KGVX", LocalDate.of(2024, 6, 1));

    private static QuerySide querySide;
    private static String plan;

    @BeforeAll
    static void aYearOfChanges() {
        querySide = QuerySide.start();
        plan = "report-" + System.nanoTime();
        LedgerSimulation ledger = SonLaLedger.load(plan, Instant.parse("2024-01-04T02:00:00Z"), 0);
        ledger.advance(Duration.ofDays(167));                                       // 2024-06-20
        assertThat(ledger.reschedule("I.1", "m1", LocalDate.of(2024, 8, 31), "chờ hướng dẫn của Bộ Nội vụ", BASIS,
                LocalDate.of(2024, 6, 1))).isTrue();                                  // 31 days, on a basis
        assertThat(ledger.reschedule("I.3", "m1", LocalDate.of(2025, 1, 30), "chưa kịp", null, null)).isTrue(); // 30 days, no basis
        ledger.actAs("officer-so-noi-vu", "so-noi-vu", "AGENCY_OFFICER");
        assertThat(ledger.report("I.4", new AgencyRef("so-noi-vu", "Sở Nội vụ"), "m1", null, LocalDate.of(2024, 2, 15))).isTrue();
        ledger.advance(Duration.ofDays(73));                                        // 2024-09-01
        assertThat(ledger.report("I.1", new AgencyRef("so-noi-vu", "Sở Nội vụ"), "m1", null, LocalDate.of(2024, 8, 30))).isTrue();
        assertThat(ledger.complete("I.1", "m1", LocalDate.of(2024, 8, 30))).isTrue();
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan", "plan_history", "audit_entry");
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    private static <T> HttpResponse<T> report(String format, String lang, Instant asOf, HttpResponse.BodyHandler<T> body) {
        Map<String, String> query = new HashMap<>(Map.of("agency", "Sở Nội vụ", "asOf", asOf.toString(), "format", format));
        if (lang != null) {
            query.put("lang", lang);
        }
        HttpResponse<T> response = querySide.get("/api/plans/" + plan + "/inspection-report", query, body);
        return response;
    }

    private static byte[] bytes(String format, String lang) throws Exception {
        HttpResponse<byte[]> response = report(format, lang, CUT_OFF, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Path samples = Path.of("target", "inspection-reports");
        Files.createDirectories(samples);
        Files.write(samples.resolve("sonla-so-noi-vu-" + (lang == null ? "vi" : lang) + "." + format), response.body());
        return response.body();
    }

    @Test
    void jsonReportMatchesTheLedgerAndItsDigestVerifies() throws Exception {
        JsonNode report = QuerySide.JSON.readTree(bytes("json", null));
        JsonNode header = report.get("header");
        assertThat(header.get("cutOff").asText()).isEqualTo("2024-12-31T17:00:00Z");
        assertThat(header.get("generatedBy").asText()).isEqualTo("inspector");
        JsonNode verified = querySide.json("/api/ledger/verify", Map.of("digest", header.get("ledgerDigest").asText(),
                "position", header.get("ledgerPosition").asText()));
        assertThat(verified.toString()).contains("true");

        JsonNode summary = report.get("summaries").get(0);
        assertThat(summary.get("agencyId").asText()).isEqualTo("so-noi-vu");
        assertThat(summary.get("reschedules").asInt()).isEqualTo(2);
        assertThat(summary.get("totalSlipDays").asLong()).isEqualTo(61);
        assertThat(summary.get("changesWithoutBasis").asInt()).isEqualTo(1);
        assertThat(summary.get("reportsSubmitted").asInt()).isEqualTo(2);
        assertThat(summary.get("reportsLate").asInt()).isEqualTo(1);
        assertThat(summary.get("milestonesCompleted").asInt()).isEqualTo(1);

        JsonNode i1 = activity(report, "I.1");
        assertThat(i1.get("role").asText()).isEqualTo("LEAD");
        JsonNode m1 = i1.get("milestones").get(0);
        assertThat(m1.get("originalDue").asText()).isEqualTo("2024-07-31");
        assertThat(m1.get("currentDue").asText()).isEqualTo("2024-08-31");
        assertThat(m1.get("completedOn").asText()).isEqualTo("2024-08-30");
        assertThat(m1.get("completedOnTime").asBoolean()).isTrue();
        JsonNode move = m1.get("reschedules").get(0);
        assertThat(move.get("actor").asText()).isEqualTo("admin");
        assertThat(move.get("basisNumber").asText()).isEqualTo("15/UBND-KGVX");
        assertThat(move.get("effectiveOn").asText()).isEqualTo("2024-06-01");
        assertThat(move.get("daysSlipped").asLong()).isEqualTo(31);
        assertThat(i1.get("milestones").get(1).get("overdueAtCutOff").asBoolean()).as("I.1 m2 due 2024-09-30, open").isTrue();
        assertThat(activity(report, "I.4").get("reports").get(0).get("onTime").asBoolean()).isFalse();
        JsonNode i3 = activity(report, "I.3").get("milestones").get(0).get("reschedules").get(0);
        assertThat(i3.get("basisNumber").isNull() || i3.get("basisNumber").asText().isEmpty()).isTrue();
    }

    @Test
    void anEarlierCutOffShowsTheLedgerAsItStoodThen() throws Exception {
        HttpResponse<String> response = report("json", null, Instant.parse("2024-06-10T00:00:00Z"), HttpResponse.BodyHandlers.ofString());
        JsonNode m1 = activity(QuerySide.JSON.readTree(response.body()), "I.1").get("milestones").get(0);
        assertThat(m1.get("currentDue").asText()).isEqualTo("2024-07-31");
        assertThat(m1.get("reschedules")).isEmpty();
        assertThat(m1.get("completedOn").isNull()).isTrue();
    }

    @Test
    void xlsxReadsBackWithRealDatesAndEveryReschedule() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes("xlsx", null)))) {
            Sheet detail = workbook.getSheet("Chi tiết");
            Row i1 = null;
            for (Row row : detail) {
                if (row.getRowNum() > 0 && row.getCell(3).getStringCellValue().equals("I.1")) {
                    i1 = row;
                    break;
                }
            }
            assertThat(i1).isNotNull();
            assertThat(DateUtil.isCellDateFormatted(i1.getCell(9))).isTrue();
            assertThat(i1.getCell(10).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 8, 31));
            Sheet moves = workbook.getSheet("Điều chỉnh thời hạn");
            assertThat(moves.getLastRowNum()).isEqualTo(2);
            assertThat(workbook.getSheet("Thông tin").getRow(4).getCell(1).getStringCellValue()).isEqualTo("inspector");
        }
    }

    @Test
    void pdfKeepsVietnameseTextAndTheDigest() throws Exception {
        byte[] pdf = bytes("pdf", null);
        PdfReader reader = new PdfReader(pdf);
        StringBuilder text = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            text.append(new PdfTextExtractor(reader).getTextFromPage(page));
        }
        assertThat(text).contains("BÁO CÁO KIỂM TRA THỰC HIỆN KẾ HOẠCH", "Sở Nội vụ", "chờ hướng dẫn của Bộ Nội vụ",
                "15/UBND-KGVX", "Tổ chức đánh giá, thẩm định");
        assertThat(reader.getInfo().get("Subject")).hasSize(64);
        reader.close();
    }

    @Test
    void csvHasABomAndEnglishOnRequest() throws Exception {
        byte[] csv = bytes("csv", null);
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("Hạn ban đầu", "I.1");
        assertThat(new String(bytes("csv", "en"), StandardCharsets.UTF_8)).contains("Original due", "Lead");
    }

    @Test
    void badParametersAreNamed() {
        HttpResponse<String> format = querySide.get("/api/plans/" + plan + "/inspection-report", Map.of("format", "docx"));
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("\"field\":\"format\"");
        HttpResponse<String> agency = querySide.get("/api/plans/" + plan + "/inspection-report", Map.of("agency", "Sở Hư cấu"));
        assertThat(agency.statusCode()).isEqualTo(422);
        assertThat(querySide.get("/api/plans/no-such-plan/inspection-report", Map.of()).statusCode()).isEqualTo(404);
    }

    private static JsonNode activity(JsonNode report, String code) {
        for (JsonNode line : report.get("activities")) {
            if (line.get("code").asText().equals(code)) {
                return line;
            }
        }
        throw new AssertionError("no activity " + code + " in the report");
    }
}
