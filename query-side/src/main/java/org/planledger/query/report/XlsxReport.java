package org.planledger.query.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;

/**
 * XLSX through Apache POI's streaming workbook (a window of 100 rows in memory per sheet): an info sheet, then summary,
 * amendment decisions, detail, reschedules and reports sheets, each with a frozen header row, filters and dates as real dates.
 */
final class XlsxReport implements ReportWriter {

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
    private final CellStyle headerStyle;
    private final CellStyle dateStyle;
    private final CellStyle timeStyle;
    private final CellStyle percentStyle;
    private Language language;
    private SXSSFSheet detail;
    private SXSSFSheet reschedules;
    private SXSSFSheet reports;

    XlsxReport(OutputStream out) {
        this.out = out;
        workbook.setCompressTempFiles(true);
        headerStyle = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle.setFont(bold);
        headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        headerStyle.setWrapText(true);
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
        timeStyle = workbook.createCellStyle();
        timeStyle.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy hh:mm:ss"));
        percentStyle = workbook.createCellStyle();
        percentStyle.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
    }

    @Override
    public void start(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions) {
        language = header.language();
        SXSSFSheet info = workbook.createSheet(language.label("info"));
        List<Object> values = Tables.info(header);
        for (int i = 0; i < Tables.INFO.size(); i++) {
            Row row = info.createRow(i);
            Cell label = row.createCell(0);
            label.setCellValue(language.label(Tables.INFO.get(i)));
            label.setCellStyle(headerStyle);
            write(row, 1, values.get(i));
        }
        info.createRow(Tables.INFO.size() + 1).createCell(0).setCellValue(language.label("verifyHint"));
        info.setColumnWidth(0, 36 * 256);
        info.setColumnWidth(1, 80 * 256);

        SXSSFSheet summary = table(language.label("summary"), Tables.SUMMARY);
        int r = 1;
        for (AgencySummary s : summaries) {
            write(summary.createRow(r++), Tables.summary(s));
        }
        filter(summary, Tables.SUMMARY, r - 1);
        List<String> decisionColumns = Tables.decisionColumns(header);
        SXSSFSheet decided = table(language.label("decisions"), decisionColumns);
        r = 1;
        for (DecisionLine d : decisions) {
            write(decided.createRow(r++), Tables.decision(d, language));
        }
        filter(decided, decisionColumns, r - 1);
        detail = table(language.label("detail"), Tables.DETAIL);
        reschedules = table(language.label("rescheduleSheet"), Tables.RESCHEDULES);
        reports = table(language.label("reportSheet"), Tables.REPORTS);
    }

    @Override
    public void activity(ActivityLine line) {
        append(detail, Tables.detail(line, language));
        append(reschedules, Tables.reschedules(line));
        append(reports, Tables.reports(line, language));
    }

    @Override
    public void finish() throws IOException {
        filter(detail, Tables.DETAIL, detail.getLastRowNum());
        filter(reschedules, Tables.RESCHEDULES, reschedules.getLastRowNum());
        filter(reports, Tables.REPORTS, reports.getLastRowNum());
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }

    private SXSSFSheet table(String name, List<String> columns) {
        SXSSFSheet sheet = workbook.createSheet(name);
        Row header = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(language.label(columns.get(c)));
            cell.setCellStyle(headerStyle);
            sheet.setColumnWidth(c, (columns.get(c).equals("activity") || columns.get(c).equals("reason")
                    || columns.get(c).endsWith("Changes") ? 60 : 18) * 256);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private static void filter(SXSSFSheet sheet, List<String> columns, int lastRow) {
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(lastRow, 1), 0, columns.size() - 1));
    }

    private void append(SXSSFSheet sheet, List<List<Object>> rows) {
        for (List<Object> values : rows) {
            write(sheet.createRow(sheet.getLastRowNum() + 1), values);
        }
    }

    private void write(Row row, List<Object> values) {
        for (int c = 0; c < values.size(); c++) {
            write(row, c, values.get(c));
        }
    }

    private void write(Row row, int column, Object value) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(dateStyle);
        } else if (value instanceof Instant instant) {
            cell.setCellValue(instant.atZone(Cells.ZONE).toLocalDateTime());
            cell.setCellStyle(timeStyle);
        } else if (value instanceof Double rate) {
            cell.setCellValue(rate);
            cell.setCellStyle(percentStyle);
        } else if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else {
            cell.setCellValue(value.toString());
        }
    }
}
