package org.planledger.command.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Locale;
import org.planledger.command.plan.AmendmentRecording;
import org.planledger.security.contract.TextRules;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Imports an amendment decision from a CSV or XLSX file in the plan's column layout with one more column,
 * {@value AmendmentTable#MARK} ({@link AmendmentTable}); the decision itself (number, date, in force from, summary) is
 * given as parameters. Recorded as the JSON endpoint records a decision, all or nothing; a file with any bad row
 * records nothing and answers every bad row.
 */
@RestController
@Tag(name = "Amendments", description = "Amend a plan by a decision: many changes, all or nothing")
class AmendmentImportController {

    private final AmendmentImport amendmentImport;

    AmendmentImportController(AmendmentImport amendmentImport) {
        this.amendmentImport = amendmentImport;
    }

    @PostMapping(path = "/api/plans/{planId}/amendments/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record an amendment decision from a CSV or XLSX file: the plan's table plus a column "
            + "'Điều chỉnh' marking rows bổ sung (add), điều chỉnh (change: amend and/or reassign, compared with the "
            + "activity now) or bãi bỏ (withdraw); unmarked rows are ignored. All or nothing; a refused file lists "
            + "its bad rows in errors[]")
    ResponseEntity<AmendmentRecording.DecisionRecorded> importAmendment(@PathVariable String planId,
            @Parameter(description = "the plan version the decision is based on") @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Parameter(description = "the amendment table: .csv (UTF-8) or .xlsx") @RequestPart("file") MultipartFile file,
            @Parameter(description = "csv or xlsx; by default taken from the file name") @RequestParam(required = false) String format,
            @Parameter(description = "number of the amending decision") @RequestParam(required = false) String decisionNumber,
            @Parameter(description = "date of the amending decision") @RequestParam(required = false) LocalDate decisionDate,
            @Parameter(description = "the day the changes are in force from; by default the decision's date")
            @RequestParam(required = false) LocalDate effectiveOn,
            @Parameter(description = "what the decision does; the reason of a withdrawal whose Ghi chú is empty")
            @RequestParam(required = false) String summary) throws IOException {
        text("decisionNumber", decisionNumber, 200, TextRules.SINGLE_LINE, TextRules.NO_CONTROL);
        if (decisionDate == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "decisionDate", "required", "decisionDate is required");
        }
        text("summary", summary, 4000, TextRules.MULTI_LINE, TextRules.NO_CONTROL_BUT_LF);
        String kind = format != null ? format.toLowerCase(Locale.ROOT) : extension(file.getOriginalFilename());
        AmendmentTable.Parsed table;
        byte[] content = file.getBytes();
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            table = switch (kind) {
                case "csv" -> AmendmentTable.csv(in);
                case "xlsx" -> AmendmentTable.xlsx(in);
                default -> throw new LedgerException(ErrorCode.INVALID_FIELD, "format", "csv-or-xlsx",
                        "cannot tell the file's format from '" + file.getOriginalFilename()
                                + "': name it .csv or .xlsx or give format=");
            };
        } catch (org.apache.poi.UnsupportedFileFormatException | org.apache.poi.EmptyFileException e) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "file", "xlsx", "the file is not an XLSX workbook: " + e.getMessage());
        }
        AmendmentRecording.DecisionRecorded recorded = amendmentImport.record(new AmendmentImport.Request(planId,
                ifMatch, sha256(content), kind, new DocumentRef(nfc(decisionNumber), decisionDate), effectiveOn,
                nfc(summary)), table);
        return ResponseEntity.ok().eTag(String.valueOf(recorded.version())).body(recorded);
    }

    @ExceptionHandler
    ProblemDetail on(ImportRejected e) {
        return e.problem("Amendment file refused");
    }

    private static void text(String field, String value, int max, String pattern, String rule) {
        if (value == null || value.isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "required", field + " is required");
        }
        if (value.length() > max) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "size:1.." + max, field + " has at most " + max + " characters");
        }
        if (!value.matches(pattern)) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, field, "no-control-characters", field + ": " + rule);
        }
    }

    /** Text as the JSON endpoints read it: Unicode NFC. */
    private static String nfc(String text) {
        return java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String name) {
        if (name == null || !name.contains(".")) {
            return "";
        }
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
