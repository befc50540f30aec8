package org.planledger.query.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;

/**
 * CSV in UTF-8 with a byte order mark, so that Excel opens Vietnamese text as such: first the report's identity
 * (label, value), then the amendment decisions recorded by the cut-off, then the detail table, one row per milestone.
 */
final class CsvReport implements ReportWriter {

    private final Writer writer;
    private CSVPrinter csv;
    private Language language;

    CsvReport(OutputStream out) {
        this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public void start(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions) throws IOException {
        language = header.language();
        writer.write('\uFEFF');
        csv = new CSVPrinter(writer, CSVFormat.EXCEL);
        List<Object> values = Tables.info(header);
        for (int i = 0; i < Tables.INFO.size(); i++) {
            csv.printRecord(language.label(Tables.INFO.get(i)), Cells.text(values.get(i), language));
        }
        csv.println();
        csv.printRecord(language.label("decisions"));
        csv.printRecord(Tables.decisionColumns(header).stream().map(language::label).toList());
        for (DecisionLine d : decisions) {
            csv.printRecord(Tables.decision(d, language).stream().map(v -> Cells.text(v, language)).toList());
        }
        csv.println();
        csv.printRecord(Tables.DETAIL.stream().map(language::label).toList());
    }

    @Override
    public void activity(ActivityLine line) throws IOException {
        for (List<Object> row : Tables.detail(line, language)) {
            csv.printRecord(row.stream().map(v -> Cells.text(v, language)).toList());
        }
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }

    @Override
    public void close() throws IOException {
        writer.flush();
    }
}
