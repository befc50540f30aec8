package org.planledger.query.console;

import java.time.Clock;
import java.time.Instant;
import org.planledger.query.history.PointInTime;
import org.planledger.query.ledger.LedgerQueries;
import org.planledger.query.plan.PlanQueries;
import org.planledger.query.report.InspectionReportController;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Page 7: choose agency, cut-off, format and language; the download is the API's inspection report, under the
 * session. The page names the ledger position and digest a report made now is stamped with (the digest is published
 * when it is shown, so the download carries the same one unless events were appended meanwhile).
 */
@Controller
class ReportsPage {

    private final InspectionReportController reports;
    private final LedgerQueries ledger;
    private final PlanQueries plans;
    private final Clock clock;

    ReportsPage(InspectionReportController reports, LedgerQueries ledger, PlanQueries plans, Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.ledger = ledger;
        this.plans = plans;
    }

    @GetMapping("/ui/plans/{planId}/reports")
    String page(@PathVariable String planId, Model model) {
        model.addAttribute("planId", planId);
        model.addAttribute("planTitle", plans.withoutActivities(planId).title());
        model.addAttribute("agencies", AgencyDirectory.standard().all());
        model.addAttribute("digest", ledger.digest());
        return "console/reports";
    }

    @GetMapping("/ui/plans/{planId}/reports/download")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String planId,
            @RequestParam(required = false) String agency, @RequestParam(required = false) String asOf,
            @RequestParam(defaultValue = "xlsx") String format, @RequestParam(defaultValue = "vi") String lang,
            Authentication user) {
        // the form's cut-off is a local date-time in the ledger's zone (datetime-local); the API takes an instant
        Instant cutOff = PointInTime.parse(TimeTravel.instantOf(blankToNull(asOf), clock), null, clock.getZone()).asOf();
        return reports.report(planId, agency == null || agency.isBlank() ? null : agency,
                cutOff == null ? null : cutOff.toString(), null, format, lang, user);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
