package org.planledger.command.importing;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.planledger.command.importing.PlanTable.NumberedRow;

/**
 * Reads an amendment laid out as the plan's table with one more column, {@value #MARK}: {@code bổ sung} (a row
 * added), {@code điều chỉnh} (a row changed) or {@code bãi bỏ} (a row withdrawn), in any case, with or without
 * diacritics, or in English ({@code added}, {@code changed}, {@code withdrawn}). A row without a mark is the plan as
 * it stands and is skipped; a roman numeral in STT opens a section, as in the plan, and an activity's code is the
 * section's numeral, a dot and its STT.
 */
final class AmendmentTable {

    static final String MARK = "Điều chỉnh";
    static final List<String> COLUMNS = Stream.concat(PlanTable.COLUMNS.stream(), Stream.of(MARK)).toList();
    private static final int MARK_COLUMN = COLUMNS.size() - 1;

    private AmendmentTable() {
    }

    enum Mark { ADDED, CHANGED, WITHDRAWN }

    /** A marked row: what it does, where it is (file row, section, code) and its cells, cleaned. */
    record MarkedRow(int row, Mark mark, String section, String code, String title, String products, String lead,
            String coordinators, String timeline, String notes) {
    }

    /** The marked rows of a file and the rows that could not be read. */
    record Parsed(List<MarkedRow> rows, List<RowError> errors) {
    }

    static Parsed csv(InputStream in) throws IOException {
        return read(PlanTable.csvRows(in));
    }

    static Parsed xlsx(InputStream in) throws IOException {
        return read(PlanTable.xlsxRows(in, COLUMNS.size()));
    }

    /** The mark a cell names, if it names one. */
    static Optional<Mark> mark(String cell) {
        String plain = Normalizer.normalize(cell, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return switch (plain) {
            case "bo sung", "added" -> Optional.of(Mark.ADDED);
            case "dieu chinh", "changed" -> Optional.of(Mark.CHANGED);
            case "bai bo", "withdrawn" -> Optional.of(Mark.WITHDRAWN);
            default -> Optional.empty();
        };
    }

    private static Parsed read(List<NumberedRow> rows) {
        List<RowError> errors = new ArrayList<>();
        List<MarkedRow> marked = new ArrayList<>();
        Map<String, Integer> rowOfCode = new LinkedHashMap<>();
        String section = null;
        for (NumberedRow row : rows) {
            String stt = row.cell(0);
            if (row.blank() || stt.equalsIgnoreCase("STT")) {
                continue;
            }
            if (stt.matches("[IVXLC]+")) {
                section = stt;
                continue;
            }
            String markCell = row.cell(MARK_COLUMN);
            if (markCell.isEmpty()) {
                continue;
            }
            if (!stt.matches("[0-9]{1,3}")) {
                errors.add(new RowError(row.number(), null, COLUMNS.get(0), "stt-number",
                        "a marked row's STT must be the activity's number, not '" + stt + "'"));
                continue;
            }
            if (section == null) {
                errors.add(new RowError(row.number(), null, COLUMNS.get(0), "section-first",
                        "activity " + stt + " comes before any section row"));
                continue;
            }
            String code = section + "." + Integer.parseInt(stt);
            Optional<Mark> mark = mark(markCell);
            if (mark.isEmpty()) {
                errors.add(new RowError(row.number(), code, MARK, "mark-known", "'" + markCell
                        + "' is not a mark: bổ sung, điều chỉnh or bãi bỏ (added, changed, withdrawn)"));
                continue;
            }
            Integer first = rowOfCode.putIfAbsent(code, row.number());
            if (first != null) {
                errors.add(new RowError(row.number(), code, COLUMNS.get(0), "code-once",
                        "activity " + code + " is marked twice (first on row " + first + ")"));
                continue;
            }
            marked.add(new MarkedRow(row.number(), mark.get(), section, code, row.cell(1), row.cell(2), row.cell(3),
                    row.cell(4), row.cell(5), row.cell(6)));
        }
        return new Parsed(marked, errors);
    }
}
