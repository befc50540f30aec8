package org.planledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.ChangeLine;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;
import org.planledger.query.report.InspectionReport.MilestoneLine;
import org.planledger.query.report.InspectionReport.NoticeLine;
import org.planledger.query.report.InspectionReport.ReportLine;
import org.planledger.query.report.InspectionReport.RescheduleLine;

/** Each format written from the same report and read back with a real reader. */
class ReportFormatsTest {

    static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Header header(Language language) {
        return new Header("sonla-cchc-2024", "Kế hoạch cải cách hành chính nhà nước tỉnh Sơn La năm 2024", "so-noi-vu",
                "Sở Nội vụ", Instant.parse("2024-12-31T16:59:59Z"), Instant.parse("2025-01-05T02:00:00Z"), "inspector",
                1234, DIGEST, language, "1500/QĐ-UBND");
    }

    /** A decision of three changes, one of them on an activity of the agency the report is for. */
    static final DecisionLine DECISION = new DecisionLine("1500/QĐ-UBND", LocalDate.of(2024, 6, 10),
            LocalDate.of(2024, 6, 15), "điều chỉnh, bổ sung kế hoạch", 3,
            List.of(new ChangeLine("RESCHEDULE", "I.1", "m2", "due 2024-10-31")));

    static final AgencySummary SUMMARY = new AgencySummary("so-noi-vu", "Sở Nội vụ", 12, 30, 20, 15, 12, 0.8, 3, 9, 2, 1, 1, 4, 92, 1);

    static final ActivityLine ACTIVITY = new ActivityLine("so-noi-vu", "Sở Nội vụ", "LEAD", "", "I.1",
            "Tổ chức đánh giá, thẩm định, công bố Chỉ số CCHC; Chỉ số SIPAS năm 2024", "OPEN",
            List.of(new MilestoneLine("m1", "Kế hoạch triển khai", "Kế hoạch (Tháng 7/2024)", LocalDate.of(2024, 7, 31),
                    LocalDate.of(2024, 8, 31), "COMPLETED", LocalDate.of(2024, 8, 30), true, false,
                    List.of(new RescheduleLine(Instant.parse("2024-06-20T03:00:00Z"), LocalDate.of(2024, 6, 1), "admin",
                            "chờ hướng dẫn của Bộ Nội vụ", "15/UBND-KGVX", LocalDate.of(2024, 6, 1),
                            LocalDate.of(2024, 7, 31), LocalDate.of(2024, 8, 31), 31)), List.of()),
                    new MilestoneLine("m2", "Quyết định quy định về tiêu chí", "Quyết định (tháng 9/2024)",
                            LocalDate.of(2024, 9, 30), LocalDate.of(2024, 9, 30), "OPEN", null, null, true, List.of(),
                            List.of(new NoticeLine("Sở Nội vụ", "125/SNV-CCHC", LocalDate.of(2024, 9, 20),
                                    LocalDate.of(2024, 9, 30), false)))),
            List.of(new ReportLine("r1", "Sở Nội vụ", "m1", null, "45/BC-SNV", LocalDate.of(2024, 8, 25),
                    LocalDate.of(2024, 8, 31), true, null, "RETURNED", "thiếu danh mục", LocalDate.of(2024, 8, 27)),
                    new ReportLine("r2", "Sở Nội vụ", "m1", null, "47/BC-SNV", LocalDate.of(2024, 8, 30),
                    LocalDate.of(2024, 8, 31), true, "r1", "ACCEPTED", "", LocalDate.of(2024, 9, 2))));

    static byte[] write(String format, Language language) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportWriter writer = switch (format) {
            case "xlsx" -> new XlsxReport(out);
            case "pdf" -> new PdfReport(out);
            case "csv" -> new CsvReport(out);
            default -> new JsonReport(out, JSON);
        }) {
            writer.start(header(language), List.of(SUMMARY), List.of(DECISION));
            writer.activity(ACTIVITY);
            writer.finish();
        }
        // kept for people to open and look at: target/report-samples/report-vi.pdf and so on
        java.nio.file.Path samples = java.nio.file.Path.of("target", "report-samples");
        java.nio.file.Files.createDirectories(samples);
        java.nio.file.Files.write(samples.resolve("report-" + language.name().toLowerCase() + "." + format), out.toByteArray());
        return out.toByteArray();
    }

    @Test
    void xlsxHasVietnameseHeadersFrozenFilteredTablesAndRealDates() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write("xlsx", Language.VI)))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Thông tin");
            assertThat(workbook.getSheetAt(0).getRow(6).getCell(1).getStringCellValue()).isEqualTo(DIGEST);
            XSSFSheet summary = workbook.getSheet("Tổng hợp");
            assertThat(summary.getRow(0).getCell(5).getStringCellValue()).isEqualTo("Hoàn thành đúng hạn");
            assertThat(summary.getRow(1).getCell(13).getNumericCellValue()).isEqualTo(92);
            XSSFSheet detail = workbook.getSheet("Chi tiết");
            assertThat(detail.getPaneInformation().isFreezePane()).isTrue();
            assertThat(detail.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:R3");
            assertThat(detail.getRow(1).getCell(4).getStringCellValue()).startsWith("Tổ chức đánh giá, thẩm định");
            assertThat(detail.getRow(1).getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(detail.getRow(1).getCell(9))).isTrue();
            assertThat(detail.getRow(1).getCell(9).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 7, 31));
            Sheet reschedules = workbook.getSheet("Điều chỉnh thời hạn");
            assertThat(reschedules.getRow(1).getCell(6).getStringCellValue()).isEqualTo("chờ hướng dẫn của Bộ Nội vụ");
            assertThat(reschedules.getRow(1).getCell(11).getNumericCellValue()).isEqualTo(31);
            assertThat(workbook.getSheet("Báo cáo đã gửi").getRow(1).getCell(5).getStringCellValue()).isEqualTo("45/BC-SNV");
        }
    }

    @Test
    void aReportCutOffByDateSaysSoWhereTheDecisionWouldStand() throws IOException {
        Header h = header(Language.VI);
        Header byDate = new Header(h.planId(), h.planTitle(), h.agencyId(), h.agencyName(), h.cutOff(), h.generatedAt(),
                h.generatedBy(), h.ledgerPosition(), h.ledgerDigest(), Language.VI, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReportWriter writer = new XlsxReport(out)) {
            writer.start(byDate, List.of(SUMMARY), List.of());
            writer.finish();
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet info = workbook.getSheetAt(0);
            assertThat(info.getRow(7).getCell(0).getStringCellValue()).isEqualTo("Chốt theo quyết định điều chỉnh");
            assertThat(info.getRow(7).getCell(1).getStringCellValue()).isEqualTo("không (chốt theo thời điểm)");
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        Header english = new Header(h.planId(), h.planTitle(), h.agencyId(), h.agencyName(), h.cutOff(), h.generatedAt(),
                h.generatedBy(), h.ledgerPosition(), h.ledgerDigest(), Language.EN, null);
        try (ReportWriter writer = new CsvReport(csv)) {
            writer.start(english, List.of(SUMMARY), List.of());
            writer.finish();
        }
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("Cut-off at amendment decision,none (cut-off by date)");
    }

    @Test
    void pdfEmbedsAFontThatKeepsVietnameseDiacritics() throws IOException {
        PdfReader reader = new PdfReader(write("pdf", Language.VI));
        String text = new PdfTextExtractor(reader).getTextFromPage(1) + new PdfTextExtractor(reader).getTextFromPage(2);
        assertThat(text).contains("BÁO CÁO KIỂM TRA THỰC HIỆN KẾ HOẠCH", "Sở Nội vụ", "Tổ chức đánh giá, thẩm định",
                "chờ hướng dẫn của Bộ Nội vụ", DIGEST, "31/07/2024");
        assertThat(reader.getInfo().get("Subject")).isEqualTo(DIGEST);
        reader.close();
    }

    @Test
    void csvIsUtf8WithABomAndStatesItsIdentity() throws IOException {
        byte[] csv = write("csv", Language.VI);
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("Thời điểm chốt số liệu,31/12/2024 23:59:59 (UTC+7)", DIGEST,
                "Sở Nội vụ,Chủ trì,,I.1,\"Tổ chức đánh giá, thẩm định");
    }

    @Test
    void englishOnRequest() throws IOException {
        String text = new String(write("csv", Language.EN), StandardCharsets.UTF_8);
        assertThat(text).contains("Cut-off,2024-12-31 23:59:59 (UTC+7)", "Original due", "Lead");
    }

    @Test
    void jsonStreamsHeaderSummariesAndActivities() throws IOException {
        JsonNode json = JSON.readTree(write("json", Language.VI));
        assertThat(json.get("header").get("ledgerDigest").asText()).isEqualTo(DIGEST);
        assertThat(json.get("summaries").get(0).get("totalSlipDays").asLong()).isEqualTo(92);
        assertThat(json.get("activities").get(0).get("milestones").get(0).get("reschedules").get(0).get("daysSlipped").asInt())
                .isEqualTo(31);
    }

    @Test
    void everyListingFormatShowsTheReviewExchange() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write("xlsx", Language.VI)))) {
            Sheet reports = workbook.getSheet("Báo cáo đã gửi");
            assertThat(reports.getRow(0).getCell(10).getStringCellValue()).isEqualTo("Xem xét");
            assertThat(reports.getRow(1).getCell(10).getStringCellValue()).isEqualTo("Trả lại");
            assertThat(reports.getRow(1).getCell(11).getStringCellValue()).isEqualTo("thiếu danh mục");
            assertThat(reports.getRow(2).getCell(9).getStringCellValue()).isEqualTo("r1");
            assertThat(reports.getRow(2).getCell(10).getStringCellValue()).isEqualTo("Đã chấp nhận");
            XSSFSheet summary = workbook.getSheet("Tổng hợp");
            assertThat(summary.getRow(0).getCell(11).getStringCellValue()).isEqualTo("Báo cáo bị trả lại");
        }
        PdfReader reader = new PdfReader(write("pdf", Language.EN));
        String text = new PdfTextExtractor(reader).getTextFromPage(2);
        reader.close();
        assertThat(text).contains("Returned", "thiếu danh mục", "Answers report r1", "Accepted");
        JsonNode json = JSON.readTree(write("json", Language.VI));
        assertThat(json.get("activities").get(0).get("reports").get(1).get("answers").asText()).isEqualTo("r1");
        assertThat(json.get("activities").get(0).get("reports").get(0).get("reviewReason").asText()).isEqualTo("thiếu danh mục");
    }

    @Test
    void anOverdueMilestoneSaysWhetherAndWhenTheAgencyWasUrgedBeforeItWasDue() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write("xlsx", Language.VI)))) {
            XSSFSheet detail = workbook.getSheet("Chi tiết");
            assertThat(detail.getRow(0).getCell(16).getStringCellValue()).isEqualTo("Đã đôn đốc trước hạn");
            assertThat(detail.getRow(2).getCell(16).getStringCellValue()).isEqualTo("Có");
            assertThat(detail.getRow(2).getCell(17).getStringCellValue()).isEqualTo("125/SNV-CCHC (20/09/2024) → Sở Nội vụ");
            assertThat(detail.getRow(1).getCell(16).getStringCellValue()).isEmpty();
        }
        String csv = new String(write("csv", Language.EN), StandardCharsets.UTF_8);
        assertThat(csv).contains("Urged before due", "125/SNV-CCHC (2024-09-20) → Sở Nội vụ");
        PdfReader reader = new PdfReader(write("pdf", Language.EN));
        String text = new PdfTextExtractor(reader).getTextFromPage(2);
        reader.close();
        assertThat(text).contains("Urging notices: 125/SNV-CCHC", "Urged before due: Yes");
        JsonNode json = JSON.readTree(write("json", Language.VI));
        assertThat(json.get("activities").get(0).get("milestones").get(1).get("notices").get(0).get("documentNumber")
                .asText()).isEqualTo("125/SNV-CCHC");
    }

    @Test
    void everyFormatListsTheAmendmentDecisionsWithTheChangesToTheAgencysActivities() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(write("xlsx", Language.VI)))) {
            XSSFSheet decisions = workbook.getSheet("Quyết định điều chỉnh");
            assertThat(decisions.getRow(0).getCell(5).getStringCellValue()).isEqualTo("Thay đổi đối với nhiệm vụ của cơ quan");
            assertThat(decisions.getRow(1).getCell(0).getStringCellValue()).isEqualTo("1500/QĐ-UBND");
            assertThat(decisions.getRow(1).getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 6, 15));
            assertThat(decisions.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(3);
            assertThat(decisions.getRow(1).getCell(5).getStringCellValue()).isEqualTo("Điều chỉnh thời hạn I.1 m2: due 2024-10-31");
            assertThat(workbook.getSheet("Thông tin").getRow(7).getCell(1).getStringCellValue()).isEqualTo("1500/QĐ-UBND");
        }
        String csv = new String(write("csv", Language.EN), StandardCharsets.UTF_8);
        assertThat(csv).contains("Amendment decisions", "Decision number,Decision date,In force from,Summary,Changes,"
                + "Changes to the agency's activities", "1500/QĐ-UBND,2024-06-10,2024-06-15,\"điều chỉnh, bổ sung kế hoạch\",3,"
                + "Reschedule I.1 m2: due 2024-10-31", "Cut-off at amendment decision,1500/QĐ-UBND");
        PdfReader reader = new PdfReader(write("pdf", Language.VI));
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertThat(text).contains("Quyết định điều chỉnh", "1500/QĐ-UBND", "10/06/2024", "Điều chỉnh thời hạn I.1 m2");
        JsonNode json = JSON.readTree(write("json", Language.VI));
        JsonNode decision = json.get("decisions").get(0);
        assertThat(decision.get("number").asText()).isEqualTo("1500/QĐ-UBND");
        assertThat(decision.get("changeCount").asInt()).isEqualTo(3);
        assertThat(decision.get("changes").get(0).get("code").asText()).isEqualTo("I.1");
        assertThat(json.get("header").get("cutOffDecision").asText()).isEqualTo("1500/QĐ-UBND");
    }
}
