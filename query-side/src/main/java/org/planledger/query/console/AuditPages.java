package org.planledger.query.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.planledger.query.audit.AuditQueries;
import org.planledger.query.audit.AuditQueries.AuditEntry;
import org.planledger.query.audit.AuditQueries.AuditPage;
import org.planledger.query.audit.AuditQueries.Change;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.eventstore.EventCatalogue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Page 6: the audit trail searched as the API searches it, paged, exported as CSV; changes without a legal basis. */
@Controller
class AuditPages {

    static final int PAGE = 50;

    private final AuditQueries audit;
    private final Formats formats;

    AuditPages(AuditQueries audit, Formats formats) {
        this.audit = audit;
        this.formats = formats;
    }

    @GetMapping("/ui/plans/{planId}/audit")
    String search(@PathVariable String planId, @RequestParam(required = false) String agency,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor, Model model) {
        AuditPage page = audit.audit(planId, blank(agency), blank(actor), blank(type), blank(from), blank(to),
                blank(cursor), PAGE);
        return page(model, planId, page, new Filter(blank(agency), blank(actor), blank(type), blank(from), blank(to)), false);
    }

    @GetMapping("/ui/plans/{planId}/audit/without-basis")
    String withoutBasis(@PathVariable String planId, Model model) {
        return page(model, planId, new AuditPage(audit.changesWithoutBasis(planId), null, false),
                new Filter(null, null, null, null, null), true);
    }

    private static String page(Model model, String planId, AuditPage page, Filter filter, boolean withoutBasis) {
        model.addAttribute("page", page);
        model.addAttribute("filter", filter);
        model.addAttribute("types", EventCatalogue.names());
        model.addAttribute("agencies", AgencyDirectory.standard().all());
        model.addAttribute("planId", planId);
        model.addAttribute("withoutBasis", withoutBasis);
        return "console/audit";
    }

    /** Every entry the search finds (all pages), as CSV (UTF-8 with a byte order mark, so Excel reads Vietnamese). */
    @GetMapping("/ui/plans/{planId}/audit.csv")
    void csv(@PathVariable String planId, @RequestParam(required = false) String agency,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String type,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        AuditPage first = audit.audit(planId, blank(agency), blank(actor), blank(type), blank(from), blank(to), null, 1000);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-" + planId + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("position", "recorded_at",
                "effective_on", "type", "code", "user", "role", "agency", "reason", "basis_number", "basis_date",
                "changes").get())) {
            AuditPage page = first;
            while (true) {
                for (AuditEntry e : page.entries()) {
                    csv.printRecord(e.position(), formats.instant(e.recordedAt()), formats.date(e.effectiveOn()), e.type(),
                            e.code(), e.actor().user(), e.actor().role(), e.actor().agency(), e.reason(),
                            e.basis() == null ? null : e.basis().number(),
                            e.basis() == null ? null : formats.date(e.basis().date()),
                            e.changes().stream().map(Change::text).collect(Collectors.joining("; ")));
                }
                if (!page.more()) {
                    break;
                }
                page = audit.audit(planId, blank(agency), blank(actor), blank(type), blank(from), blank(to),
                        page.nextCursor(), 1000);
            }
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public record Filter(String agency, String actor, String type, String from, String to) {
    }
}
