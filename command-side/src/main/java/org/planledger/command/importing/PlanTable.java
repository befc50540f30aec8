package org.planledger.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDecision;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanSection;
import org.planledger.shared.plan.ProductItems;

/**
 * Reads a plan laid out as the printed table: STT · Danh mục các hoạt động · Kết quả/Sản phẩm · Chủ trì · Phối hợp ·
 * Thời gian · Ghi chú. A row whose STT is a roman numeral opens a section (its title in the second column); a row with
 * a number is an activity of the current section; a header row (STT …) and empty rows are skipped.
 */
final class PlanTable {

    static final List<String> COLUMNS = List.of("STT", "Danh mục các hoạt động", "Kết quả/Sản phẩm", "Chủ trì",
            "Phối hợp", "Thời gian", "Ghi chú");

    private PlanTable() {
    }

    /** The plan header that a table does not carry itself. */
    record Header(String planId, String title, int year, String decisionNumber, LocalDate decisionDate) {
    }

    /** What a file held: the plan, the file row of each activity, and the rows that could not be read. */
    record Parsed(PlanDocument document, Map<String, Integer> rowOfCode, List<RowError> errors) {
    }

    static Parsed csv(InputStream in, Header header) throws IOException {
        return read(csvRows(in), header);
    }

    static Parsed xlsx(InputStream in, Header header) throws IOException {
        return read(xlsxRows(in, COLUMNS.size()), header);
    }

    /** The rows of a CSV file (UTF-8, with or without a byte order mark), numbered as the file numbers them. */
    static List<NumberedRow> csvRows(InputStream in) throws IOException {
        List<NumberedRow> rows = new ArrayList<>();
        try (Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(), StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get().parse(reader)) {
                rows.add(new NumberedRow((int) record.getRecordNumber(), record.toList()));
            }
        }
        return rows;
    }

    /** The first {@code columns} cells of each row of the workbook's first sheet, numbered as the sheet shows them. */
    static List<NumberedRow> xlsxRows(InputStream in, int columns) throws IOException {
        List<NumberedRow> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = WorkbookFactory.create(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(new NumberedRow(row.getRowNum() + 1, cells));
            }
        }
        return rows;
    }

    /** One row of a file: its number as the file shows it (1-based) and its cells. */
    record NumberedRow(int number, List<String> cells) {
        String cell(int column) {
            return column < cells.size() ? clean(cells.get(column)) : "";
        }

        boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    private static Parsed read(List<NumberedRow> rows, Header header) {
        List<RowError> errors = new ArrayList<>();
        List<PlanSection> sections = new ArrayList<>();
        List<ActivityRow> activities = new ArrayList<>();
        Map<String, Integer> rowOfCode = new LinkedHashMap<>();
        Set<String> sectionCodes = new LinkedHashSet<>();
        String section = null;
        for (NumberedRow row : rows) {
            String stt = row.cell(0);
            if (row.blank() || stt.equalsIgnoreCase("STT")) {
                continue;
            }
            if (stt.matches("[IVXLC]+")) {
                section = stt;
                if (!sectionCodes.add(stt)) {
                    errors.add(new RowError(row.number(), null, COLUMNS.get(0), "section " + stt + " appears twice"));
                }
                sections.add(new PlanSection(stt, row.cell(1), row.cell(1)));
                continue;
            }
            if (!stt.matches("[0-9]{1,3}")) {
                errors.add(new RowError(row.number(), null, COLUMNS.get(0),
                        "STT must be a roman numeral (section) or a number (activity), not '" + stt + "'"));
                continue;
            }
            if (section == null) {
                errors.add(new RowError(row.number(), null, COLUMNS.get(0), "activity " + stt + " comes before any section row"));
                continue;
            }
            String code = section + "." + Integer.parseInt(stt);
            if (rowOfCode.containsKey(code)) {
                errors.add(new RowError(row.number(), code, COLUMNS.get(0),
                        "activity " + code + " appears twice (first on row " + rowOfCode.get(code) + ")"));
                continue;
            }
            rowOfCode.put(code, row.number());
            activities.add(new ActivityRow(section, String.valueOf(Integer.parseInt(stt)), code, row.cell(1), row.cell(2),
                    ProductItems.of(row.cell(2)), row.cell(3), row.cell(4), row.cell(5), row.cell(6)));
        }
        PlanDecision decision = new PlanDecision(header.decisionNumber() == null ? "" : header.decisionNumber(),
                header.decisionDate(), null, "", header.decisionNumber() == null ? "" : header.decisionNumber());
        PlanDocument document = errors.isEmpty()
                ? new PlanDocument(header.planId(), header.title(), header.year(), decision, sections, activities)
                : null;
        return new Parsed(document, rowOfCode, errors);
    }

    /** NFC, line breaks inside a cell joined with a space, runs of spaces collapsed. */
    static String clean(String cell) {
        return cell == null ? "" : Normalizer.normalize(cell, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }
}
