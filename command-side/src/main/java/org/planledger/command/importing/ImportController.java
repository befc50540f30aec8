package org.planledger.command.importing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.planledger.command.support.LedgerCommands;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports a plan file: JSON (the shape of the bundled Sơn La file), or CSV / XLSX in the column layout of the printed
 * table, with the plan's id, title, year and decision as parameters. All or nothing; repeatable.
 */
@RestController
@Tag(name = "Import", description = "Load a plan from JSON, CSV or XLSX")
class ImportController {

    private final PlanImport planImport;
    private final LedgerCommands commands;
    private final ObjectMapper json;

    ImportController(PlanImport planImport, LedgerCommands commands, ObjectMapper json) {
        this.planImport = planImport;
        this.commands = commands;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @PostMapping(path = "/api/plans/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import a plan (plan admin or system); a file with any bad row imports nothing")
    PlanImport.Result importPlan(
            @Parameter(description = "the plan file: .json, .csv (UTF-8) or .xlsx") @RequestPart("file") MultipartFile file,
            @Parameter(description = "json, csv or xlsx; by default taken from the file name")
            @RequestParam(required = false) String format,
            @Parameter(description = "CSV/XLSX only: the plan id") @RequestParam(required = false) String planId,
            @Parameter(description = "CSV/XLSX only: the plan title") @RequestParam(required = false) String title,
            @Parameter(description = "CSV/XLSX only: the plan year") @RequestParam(required = false) Integer year,
            @Parameter(description = "CSV/XLSX only: number of the adopting decision") @RequestParam(required = false) String decisionNumber,
            @Parameter(description = "CSV/XLSX only: date of the adopting decision") @RequestParam(required = false) LocalDate decisionDate)
            throws IOException {
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : extension(file.getOriginalFilename());
        try (InputStream in = file.getInputStream()) {
            switch (kind) {
                case "json" -> {
                    PlanDocument plan = readJson(in);
                    Map<String, Integer> rows = new HashMap<>();
                    List<ActivityRow> activities = plan.activities();
                    for (int i = 0; i < activities.size(); i++) {
                        rows.put(activities.get(i).code(), i + 1);
                    }
                    return planImport.load(plan, rows, commands.actor());
                }
                case "csv", "xlsx" -> {
                    PlanTable.Header header = header(planId, title, year, decisionNumber, decisionDate);
                    PlanTable.Parsed parsed = kind.equals("csv") ? PlanTable.csv(in, header) : PlanTable.xlsx(in, header);
                    if (!parsed.errors().isEmpty()) {
                        throw new ImportRejected(parsed.errors());
                    }
                    return planImport.load(parsed.document(), parsed.rowOfCode(), commands.actor());
                }
                default -> throw new LedgerException(ErrorCode.INVALID_FIELD, "format", "json-csv-or-xlsx",
                        "cannot tell the file's format from '" + file.getOriginalFilename() + "': name it .json, .csv or .xlsx or give format=");
            }
        } catch (org.apache.poi.UnsupportedFileFormatException | org.apache.poi.EmptyFileException e) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "file", "xlsx", "the file is not an XLSX workbook: " + e.getMessage());
        }
    }

    @ExceptionHandler
    ProblemDetail on(ImportRejected e) {
        return e.problem("Plan file refused");
    }

    private PlanDocument readJson(InputStream in) {
        try {
            return json.readValue(in, PlanDocument.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "file", "plan-json",
                    "the file is not a plan in the JSON shape of sonla-cchc-2024.json: " + e.getMessage());
        }
    }

    private static PlanTable.Header header(String planId, String title, Integer year, String decisionNumber,
            LocalDate decisionDate) {
        if (planId == null || title == null || year == null) {
            String missing = planId == null ? "planId" : title == null ? "title" : "year";
            throw new LedgerException(ErrorCode.INVALID_FIELD, missing, "required",
                    "a CSV or XLSX plan needs the parameters planId, title and year");
        }
        return new PlanTable.Header(planId, title, year, decisionNumber, decisionDate);
    }

    private static String extension(String name) {
        if (name == null || !name.contains(".")) {
            return "";
        }
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
