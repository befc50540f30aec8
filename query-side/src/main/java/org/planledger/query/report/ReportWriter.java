package org.planledger.query.report;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;

/**
 * Writes one report format to a stream as the activities arrive, so memory does not grow with the plan: {@link #start}
 * once, {@link #activity} per activity line, {@link #finish} once.
 */
interface ReportWriter extends Closeable {

    void start(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions) throws IOException;

    void activity(ActivityLine line) throws IOException;

    void finish() throws IOException;
}
