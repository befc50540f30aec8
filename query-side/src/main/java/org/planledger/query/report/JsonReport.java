package org.planledger.query.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;

/** JSON for machines, streamed: {@code {header, summaries: […], decisions: […], activities: […]}} with ISO dates. */
final class JsonReport implements ReportWriter {

    /** The shape written, for the API's description (the writer streams it piece by piece). */
    record Shape(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions,
            List<ActivityLine> activities) {
    }

    private final JsonGenerator json;

    JsonReport(OutputStream out, ObjectMapper mapper) throws IOException {
        this.json = mapper.getFactory().createGenerator(out);
    }

    @Override
    public void start(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions) throws IOException {
        json.writeStartObject();
        json.writeObjectField("header", header);
        json.writeObjectField("summaries", summaries);
        json.writeObjectField("decisions", decisions);
        json.writeArrayFieldStart("activities");
    }

    @Override
    public void activity(ActivityLine line) throws IOException {
        json.writeObject(line);
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
