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
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DocumentRef;

/**
 * Inspection reports of the Sơn La plan after a scripted year of changes (reschedules with and without a legal
 * basis, on-time and late reports, a completion), each format opened with a real reader and checked against what
 * the ledger recorded, and stamped with a digest that the verification endpoint confirms. After the cut-off, two
 * amendment decisions with changes and notices around them: the report, the baseline, the workload and the notices
 * asked "as of decision N" answer as of the instant the ledger recorded that decision through.
 */
class InspectionReportIT {

    static final Instant CUT_OFF = Instant.parse("2024-12-31T17:00:00Z");
    static final DocumentRef BASIS = new DocumentRef("15/UBND-KGVX", LocalDate.of(2024, 6, 1));

    static final DocumentRef DECISION_A = new DocumentRef("100/QĐ-UBND", LocalDate.of(2025, 1, 9));
    static final DocumentRef DECISION_B = new DocumentRef("200/QĐ-UBND", LocalDate.of(2025, 1, 20));

    private static QuerySide querySide;
    private static String plan;
    /** An activity with an open, dated milestone m1 that the Sở Nội vụ takes no part in (nor through a group). */
    private static String other;

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
        amendmentDecisionsAfterTheCutOff(ledger);
        querySide.append(ledger.events());
        querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan", "plan_history", "audit_entry");
    }

    /**
     * 2025-01-10 decision A moves I.1 m2 (Sở Nội vụ leads it) and m1 of another agency's activity; a day later I.3 m1
     * moves without a decision and a notice urges the Sở Nội vụ; 2025-01-21 decision B moves I.3 m1 again; a day later
     * a second notice.
     */
    private static void amendmentDecisionsAfterTheCutOff(LedgerSimulation ledger) {
        ledger.actAs("admin", "", "PLAN_ADMIN");
        other = ledger.codes().stream()
                .filter(c -> ledger.participants(c).stream().noneMatch(a -> a.id().equals("so-noi-vu")
                        || LedgerSimulation.DIRECTORY.groupIdsContaining("so-noi-vu").contains(a.id())))
                .filter(c -> ledger.milestones(c).contains("m1") && !ledger.cancelled(c)
                        && ledger.due(c, "m1") != null && !ledger.completed(c, "m1"))
                .findFirst().orElseThrow();
        ledger.advance(Duration.ofDays(131));                                       // 2025-01-10
        ledger.decide(DECISION_A, LocalDate.of(2025, 1, 10), "điều chỉnh thời hạn", List.of(
                new AmendmentDecided.Line("RESCHEDULE", "I.1", "m2", "hạn 28/02/2025"),
                new AmendmentDecided.Line("RESCHEDULE", other, "m1", "hạn 31/03/2025")), () -> {
                    assertThat(ledger.reschedule("I.1", "m2", LocalDate.of(2025, 2, 28), "điều chỉnh thời hạn",
                            DECISION_A, LocalDate.of(2025, 1, 10))).isTrue();
                    assertThat(ledger.reschedule(other, "m1", LocalDate.of(2025, 3, 31), "điều chỉnh thời hạn",
                            DECISION_A, LocalDate.of(2025, 1, 10))).isTrue();
                });
        ledger.advance(Duration.ofDays(1));                                         // 2025-01-11
        assertThat(ledger.reschedule("I.3", "m1", LocalDate.of(2025, 2, 15), "chưa kịp", null, null)).isTrue();
        assertThat(ledger.urge("I.1", new AgencyRef("so-noi-vu", "Sở Nội vụ"), "5/SNV-CCHC", ledger.today(),
                List.of("m2"))).isTrue();
        ledger.advance(Duration.ofDays(10));                                        // 2025-01-21
        ledger.decide(DECISION_B, LocalDate.of(2025, 1, 21), "điều chỉnh lần hai", List.of(
                new AmendmentDecided.Line("RESCHEDULE", "I.3", "m1", "hạn 31/03/2025")), () ->
                assertThat(ledger.reschedule("I.3", "m1", LocalDate.of(2025, 3, 31), "điều chỉnh lần hai", DECISION_B,
                        LocalDate.of(2025, 1, 21))).isTrue());
        ledger.advance(Duration.ofDays(1));                                         // 2025-01-22
        assertThat(ledger.urge("I.3", new AgencyRef("so-noi-vu", "Sở Nội vụ"), "9/SNV-CCHC", ledger.today(),
                List.of("m1"))).isTrue();
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

    /** The instant the ledger recorded decision {@code number} through, as the decisions route tells it. */
    private static Instant through(String number) {
        for (JsonNode d : querySide.json("/api/plans/" + plan + "/decisions", Map.of())) {
            if (d.get("number").asText().equals(number)) {
                return Instant.parse(d.get("recordedThrough").asText());
            }
        }
        throw new AssertionError("no decision " + number);
    }

    private static List<String> moved(JsonNode baseline) {
        List<String> moved = new java.util.ArrayList<>();
        baseline.get("deadlinesMoved").forEach(d -> moved.add(d.get("code").asText() + " " + d.get("milestoneId").asText()));
        return moved;
    }

    @Test
    void theBaselineOfADecisionShowsExactlyItsChanges() {
        String baseline = "/api/plans/" + plan + "/baseline";
        JsonNode a = querySide.json(baseline, Map.of("fromDecision", DECISION_A.number(), "toDecision", DECISION_A.number()));
        assertThat(moved(a)).containsExactlyInAnyOrder("I.1 m2", other + " m1");
        assertThat(a.get("totals").get("deadlinesMoved").asInt()).isEqualTo(2);
        assertThat(a.get("totals").get("reassignments").asInt()).isZero();
        assertThat(a.get("totals").get("activitiesAdded").asInt()).isZero();
        a.get("deadlinesMoved").forEach(d -> assertThat(d.get("moves")).singleElement()
                .satisfies(m -> assertThat(m.get("basis").get("number").asText()).isEqualTo(DECISION_A.number())));
        JsonNode i1 = a.get("deadlinesMoved").findParents("milestoneId").stream()
                .filter(d -> d.get("code").asText().equals("I.1")).findFirst().orElseThrow();
        assertThat(i1.get("dueAtFrom").asText()).isEqualTo("2024-09-30");
        assertThat(i1.get("dueAtTo").asText()).isEqualTo("2025-02-28");

        JsonNode b = querySide.json(baseline, Map.of("fromDecision", DECISION_B.number(), "toDecision", DECISION_B.number()));
        assertThat(moved(b)).containsExactly("I.3 m1");
        assertThat(b.get("deadlinesMoved").get(0).get("dueAtFrom").asText()).as("after the move without a decision")
                .isEqualTo("2025-02-15");

        // from a decision to now: its changes and everything recorded after it
        JsonNode sinceA = querySide.json(baseline, Map.of("fromDecision", DECISION_A.number()));
        assertThat(moved(sinceA)).containsExactlyInAnyOrder("I.1 m2", other + " m1", "I.3 m1");
        // the same as asking by the instants the decisions route gives
        assertThat(querySide.json(baseline, Map.of("from", through(DECISION_A.number()).toString(),
                "toDecision", DECISION_B.number())).get("deadlinesMoved").findValuesAsText("code")).containsExactly("I.3");
    }

    @Test
    void workloadAndNoticesAsOfADecisionAreThoseAsOfTheInstantItWasRecordedThrough() {
        for (String number : List.of(DECISION_A.number(), DECISION_B.number())) {
            Instant t = through(number);
            assertThat(querySide.json("/api/plans/" + plan + "/workload", Map.of("asOfDecision", number)))
                    .as("workload as of %s", number)
                    .isEqualTo(querySide.json("/api/plans/" + plan + "/workload", Map.of("asOf", t.toString())));
            assertThat(querySide.json("/api/plans/" + plan + "/agencies/so-noi-vu/notices", Map.of("asOfDecision", number)))
                    .as("notices as of %s", number)
                    .isEqualTo(querySide.json("/api/plans/" + plan + "/agencies/so-noi-vu/notices", Map.of("asOf", t.toString())));
        }
        JsonNode asOfB = querySide.json("/api/plans/" + plan + "/agencies/so-noi-vu/notices",
                Map.of("asOfDecision", DECISION_B.number()));
        assertThat(asOfB.findValuesAsText("documentNumber")).contains("5/SNV-CCHC").doesNotContain("9/SNV-CCHC");
        assertThat(querySide.json("/api/plans/" + plan + "/agencies/so-noi-vu/notices", Map.of())
                .findValuesAsText("documentNumber")).contains("5/SNV-CCHC", "9/SNV-CCHC");
        HttpResponse<String> echoed = querySide.get("/api/plans/" + plan + "/workload",
                Map.of("asOfDecision", DECISION_A.number()));
        assertThat(echoed.body()).contains("\"asOf\":\"" + through(DECISION_A.number()) + "\"");
    }

    private static <T> HttpResponse<T> reportAsOfDecision(String format, String number, HttpResponse.BodyHandler<T> body) {
        HttpResponse<T> response = querySide.get("/api/plans/" + plan + "/inspection-report",
                Map.of("agency", "so-noi-vu", "asOfDecision", number, "format", format), body);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    @Test
    void aReportAsOfADecisionIsCutThroughItsLastChangeAndListsTheDecisionsInEveryFormat() throws Exception {
        JsonNode report = QuerySide.JSON.readTree(reportAsOfDecision("json", DECISION_A.number(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(report.get("header").get("cutOff").asText()).isEqualTo(through(DECISION_A.number()).toString());
        assertThat(report.get("header").get("cutOffDecision").asText()).isEqualTo(DECISION_A.number());
        JsonNode decided = report.get("decisions");
        assertThat(decided).as("decision B is recorded after the cut-off").hasSize(1);
        assertThat(decided.get(0).get("number").asText()).isEqualTo(DECISION_A.number());
        assertThat(decided.get(0).get("date").asText()).isEqualTo("2025-01-09");
        assertThat(decided.get(0).get("effectiveOn").asText()).isEqualTo("2025-01-10");
        assertThat(decided.get(0).get("changeCount").asInt()).isEqualTo(2);
        assertThat(decided.get(0).get("changes").findValuesAsText("code")).as("only the Sở Nội vụ's activities")
                .containsExactly("I.1");
        assertThat(activity(report, "I.1").get("milestones").get(1).get("currentDue").asText()).isEqualTo("2025-02-28");
        assertThat(activity(report, "I.3").get("milestones").get(0).get("currentDue").asText()).as("moved after A")
                .isEqualTo("2025-01-30");

        JsonNode all = QuerySide.JSON.readTree(querySide.get("/api/plans/" + plan + "/inspection-report",
                Map.of("format", "json", "asOfDecision", DECISION_B.number())).body());
        assertThat(all.get("decisions").findValuesAsText("number")).containsExactly(DECISION_A.number(), DECISION_B.number());
        assertThat(all.get("decisions").get(0).get("changes").findValuesAsText("code")).as("all agencies: every change")
                .containsExactly("I.1", other);

        String csv = new String(reportAsOfDecision("csv", DECISION_A.number(), HttpResponse.BodyHandlers.ofByteArray())
                .body(), StandardCharsets.UTF_8);
        assertThat(csv).contains("Quyết định điều chỉnh", DECISION_A.number() + ",09/01/2025,10/01/2025")
                .doesNotContain(DECISION_B.number());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(reportAsOfDecision("xlsx",
                DECISION_A.number(), HttpResponse.BodyHandlers.ofByteArray()).body()))) {
            Sheet decisions = workbook.getSheet("Quyết định điều chỉnh");
            assertThat(decisions.getRow(1).getCell(0).getStringCellValue()).isEqualTo(DECISION_A.number());
            assertThat(decisions.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(2);
            assertThat(decisions.getRow(1).getCell(5).getStringCellValue()).startsWith("Điều chỉnh thời hạn I.1 m2");
            assertThat(decisions.getLastRowNum()).isEqualTo(1);
        }
        PdfReader reader = new PdfReader(reportAsOfDecision("pdf", DECISION_A.number(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        String text = new PdfTextExtractor(reader).getTextFromPage(1);
        reader.close();
        assertThat(text).contains("Quyết định điều chỉnh", DECISION_A.number(), "điều chỉnh thời hạn");
    }

    @Test
    void decisionParametersAreCheckedAsOnThePlan() {
        String base = "/api/plans/" + plan;
        for (String path : List.of("/workload", "/agencies/so-noi-vu/notices", "/inspection-report")) {
            HttpResponse<String> unknown = querySide.get(base + path, Map.of("asOfDecision", "999/QĐ-UBND", "format", "json"));
            assertThat(unknown.statusCode()).as(path).isEqualTo(404);
            assertThat(unknown.body()).as(path).contains("\"field\":\"asOfDecision\"", "999/QĐ-UBND");
            HttpResponse<String> both = querySide.get(base + path, Map.of("asOfDecision", DECISION_A.number(),
                    "asOf", "2025-01-15", "format", "json"));
            assertThat(both.statusCode()).as(path).isEqualTo(400);
            assertThat(both.body()).as(path).contains("\"field\":\"asOfDecision\"");
        }
        HttpResponse<String> unknownFrom = querySide.get(base + "/baseline", Map.of("fromDecision", "999/QĐ-UBND"));
        assertThat(unknownFrom.statusCode()).isEqualTo(404);
        assertThat(unknownFrom.body()).contains("\"field\":\"fromDecision\"");
        HttpResponse<String> unknownTo = querySide.get(base + "/baseline", Map.of("from", "2024-01-01",
                "toDecision", "999/QĐ-UBND"));
        assertThat(unknownTo.statusCode()).isEqualTo(404);
        assertThat(unknownTo.body()).contains("\"field\":\"toDecision\"");
        HttpResponse<String> bothFrom = querySide.get(base + "/baseline", Map.of("from", "2024-01-01",
                "fromDecision", DECISION_A.number()));
        assertThat(bothFrom.statusCode()).isEqualTo(400);
        assertThat(bothFrom.body()).contains("\"field\":\"fromDecision\"");
        HttpResponse<String> bothTo = querySide.get(base + "/baseline", Map.of("fromDecision", DECISION_A.number(),
                "to", "2025-12-31", "toDecision", DECISION_B.number()));
        assertThat(bothTo.statusCode()).isEqualTo(400);
        assertThat(bothTo.body()).contains("\"field\":\"toDecision\"");
        HttpResponse<String> backwards = querySide.get(base + "/baseline", Map.of("fromDecision", DECISION_B.number(),
                "toDecision", DECISION_A.number()));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"toDecision\"", "to-not-before-from");
        HttpResponse<String> neither = querySide.get(base + "/baseline", Map.of());
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(neither.body()).contains("\"field\":\"from\"");
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
