package org.planledger.query.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.planledger.query.history.Decisions;
import org.planledger.query.ledger.Digest;
import org.planledger.query.ledger.LedgerDigests;
import org.planledger.query.plan.CurrentPlanModel;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.ChangeLine;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;
import org.planledger.query.report.InspectionReports.Participation;
import org.planledger.query.support.TimeParameters;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The inspection report of a plan as of a cut-off (an instant, or an amendment decision: through its last event), for
 * one agency or all, as XLSX, PDF, CSV or JSON, with the plan's amendment decisions recorded by then. Every report
 * states its cut-off, when and by whom it was generated, and the ledger digest and position it was built from, so
 * {@code GET /api/ledger/verify?digest=…&position=…} can later confirm that the ledger still extends it.
 */
@RestController
@Tag(name = "Inspection reports")
public class InspectionReportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Map<String, MediaType> FORMATS = Map.of(
            "xlsx", MediaType.parseMediaType(XLSX),
            "pdf", MediaType.APPLICATION_PDF,
            "csv", MediaType.parseMediaType("text/csv;charset=UTF-8"),
            "json", MediaType.APPLICATION_JSON);

    private final InspectionReports reports;
    private final LedgerDigests digests;
    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentPlanModel currentPlan;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;
    private final Clock clock;
    private final Decisions decisions;
    private final AgencyDirectory directory = AgencyDirectory.standard();

    InspectionReportController(InspectionReports reports, LedgerDigests digests, NamedParameterJdbcTemplate jdbc,
            TransactionTemplate transactions, ObjectMapper json, Clock clock, Decisions decisions,
            CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.decisions = decisions;
        this.reports = reports;
        this.digests = digests;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{planId}/inspection-report")
    @Operation(summary = "Inspection report as of a cut-off: activities, milestones with original and current due dates, "
            + "reschedules with actor, reason, basis and days slipped, reports and their timeliness, per-agency summary, "
            + "the amendment decisions recorded by the cut-off with their changes to the agency's activities")
    @ApiResponse(responseCode = "200", description = "the report, in the format asked for", content = {
            @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", description = "UTF-8 with a byte order mark")),
            @Content(mediaType = "application/json", schema = @Schema(implementation = JsonReport.Shape.class))})
    public ResponseEntity<StreamingResponseBody> report(@PathVariable String planId,
            @Parameter(description = "directory id or any known name; all agencies when absent") @RequestParam(required = false) String agency,
            @Parameter(description = "cut-off: " + TimeParameters.INSTANT_FORMS + " (the end of that day); now when absent") @RequestParam(required = false) String asOf,
            @Parameter(description = "cut-off: through the last change of the amendment decision with this number; "
                    + "instead of asOf") @RequestParam(required = false) String asOfDecision,
            @Parameter(description = "the report's format", schema = @Schema(allowableValues = {"xlsx", "pdf", "csv", "json"}))
            @RequestParam(defaultValue = "xlsx") String format,
            @Parameter(description = "the report's language", schema = @Schema(allowableValues = {"vi", "en"}))
            @RequestParam(defaultValue = "vi") String lang,
            Authentication user) {
        MediaType mediaType = FORMATS.get(format.toLowerCase(Locale.ROOT));
        if (mediaType == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "format", "xlsx-pdf-csv-or-json",
                    "format must be xlsx, pdf, csv or json, not " + format);
        }
        Language language = switch (lang.toLowerCase(Locale.ROOT)) {
            case "vi" -> Language.VI;
            case "en" -> Language.EN;
            default -> throw new LedgerException(ErrorCode.INVALID_FIELD, "lang", "vi-or-en", "lang must be vi or en, not " + lang);
        };
        Agency only = agency == null ? null : directory.find(agency).orElseThrow(() -> new LedgerException(
                ErrorCode.UNKNOWN_AGENCY, "agency", "agency-known", "'" + agency + "' is not an agency of the directory"));
        Instant cutOff = cutOff(decisions.asOf(planId, asOf, asOfDecision));
        currentPlan.requireComplete();
        String title = jdbc.query("select title from plan_view where plan_id = :plan", Map.of("plan", planId),
                rs -> rs.next() ? rs.getString(1) : null);
        if (title == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_PLAN, "planId", "plan-exists", "no plan " + planId);
        }
        Digest digest = digests.publish();
        Header header = new Header(planId, title, only == null ? null : only.id(), only == null ? null : only.name(),
                cutOff, clock.instant(), user.getName(), digest.position(), digest.digest(), language,
                asOfDecision == null || asOfDecision.isEmpty() ? null : asOfDecision);
        String file = planId + (only == null ? "" : "-" + only.id()) + "-" + cutOff.toString().replace(':', '-') + "." + format;
        // the first pass runs before the answer starts, so that a failure is still a problem+json answer
        Set<String> codes = new HashSet<>();
        List<AgencySummary> summaries = readOnly.execute(status -> summaries(header, only, codes));
        List<DecisionLine> decided = decisions(header, only, codes);
        StreamingResponseBody body = out -> write(format, header, summaries, decided, only, out);
        return ResponseEntity.ok()
                .contentType(mediaType)
                .header("Content-Disposition", ContentDisposition.attachment().filename(file).build().toString())
                .header("X-Ledger-Position", String.valueOf(digest.position()))
                .header("X-Ledger-Digest", digest.digest())
                .body(body);
    }

    private void write(String format, Header header, List<AgencySummary> summaries, List<DecisionLine> decided,
            Agency only, OutputStream out) throws IOException {
        try (ReportWriter writer = switch (format.toLowerCase(Locale.ROOT)) {
            case "xlsx" -> new XlsxReport(out);
            case "pdf" -> new PdfReport(out);
            case "csv" -> new CsvReport(out);
            default -> new JsonReport(out, json);
        }) {
            readOnly.executeWithoutResult(status -> {
                try {
                    writer.start(header, summaries, decided);
                    reports.forEachActivity(header.planId(), header.cutOff(), activity -> {
                        for (ActivityLine line : lines(activity, only)) {
                            try {
                                writer.activity(line);
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                    });
                    writer.finish();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** First pass: counts per agency (only the one asked for, when one is), and the codes of its activities. */
    private List<AgencySummary> summaries(Header header, Agency only, Set<String> codes) {
        InspectionReports.Summaries summaries = new InspectionReports.Summaries();
        reports.forEachActivity(header.planId(), header.cutOff(), activity -> {
            for (Participation p : reports.participants(activity)) {
                if (only == null || only.id().equals(p.agencyId())) {
                    summaries.add(p, activity);
                    codes.add(activity.code());
                }
            }
        });
        return summaries.result(reports::agencyName);
    }

    /**
     * The plan's amendment decisions recorded by the cut-off, each with its changes to the activities the agency takes
     * part in at the cut-off ({@code codes}; every change for a report of all agencies).
     */
    private List<DecisionLine> decisions(Header header, Agency only, Set<String> codes) {
        List<DecisionLine> lines = new ArrayList<>();
        for (Decisions.Decision d : decisions.recordedBy(header.planId(), header.cutOff())) {
            List<ChangeLine> changes = new ArrayList<>();
            for (JsonNode c : d.changes()) {
                ChangeLine change = new ChangeLine(c.path("kind").asText(), c.path("code").asText(),
                        c.path("milestoneId").isTextual() ? c.path("milestoneId").asText() : null, c.path("what").asText());
                if (only == null || codes.contains(change.code())) {
                    changes.add(change);
                }
            }
            lines.add(new DecisionLine(d.number(), d.date(), d.effectiveOn(), d.summary(), d.changes().size(), changes));
        }
        return lines;
    }

    /** For one agency: the activity as it concerns that agency; for all: the activity once, under its lead. */
    private List<ActivityLine> lines(InspectionReports.Activity activity, Agency only) {
        if (only == null) {
            String lead = activity.leadId() == null ? "" : activity.leadId();
            return List.of(new ActivityLine(lead, reports.agencyName(lead), "LEAD", "", activity.code(), activity.title(),
                    activity.status(), activity.milestones(), activity.reports()));
        }
        return reports.participants(activity).stream().filter(p -> p.agencyId().equals(only.id()))
                .map(p -> new ActivityLine(only.id(), only.name(), p.role(), p.viaGroup(), activity.code(), activity.title(),
                        activity.status(), activity.milestones(), activity.reports()))
                .toList();
    }

    private Instant cutOff(String asOf) {
        Instant cutOff = TimeParameters.instant("asOf", asOf, clock.getZone(), TimeParameters.DayEdge.END);
        return cutOff == null ? clock.instant() : cutOff;
    }
}
