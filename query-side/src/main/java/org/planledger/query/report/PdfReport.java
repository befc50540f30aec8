package org.planledger.query.report;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.planledger.query.report.InspectionReport.ActivityLine;
import org.planledger.query.report.InspectionReport.AgencySummary;
import org.planledger.query.report.InspectionReport.DecisionLine;
import org.planledger.query.report.InspectionReport.Header;
import org.planledger.query.report.InspectionReport.MilestoneLine;
import org.planledger.query.report.InspectionReport.ReportLine;
import org.planledger.query.report.InspectionReport.RescheduleLine;

/**
 * PDF through OpenPDF, A4 landscape, with Liberation Sans embedded (shipped in the openpdf-fonts-extra artifact, so
 * Vietnamese diacritics render whatever fonts the machine has). Each activity is its own small table, written out as
 * pages fill, and every page's footer carries the ledger position and digest the report was built from.
 */
final class PdfReport implements ReportWriter {

    private static final BaseFont REGULAR = font("liberation/LiberationSans-Regular.ttf");
    private static final BaseFont BOLD = font("liberation/LiberationSans-Bold.ttf");
    private static final Color HEADER_FILL = new Color(230, 230, 230);

    private final Document document = new Document(PageSize.A4.rotate(), 28, 28, 32, 36);
    private final PdfWriter writer;
    private final Font title = new Font(BOLD, 13);
    private final Font heading = new Font(BOLD, 9);
    private final Font text = new Font(REGULAR, 7.5f);
    private final Font small = new Font(REGULAR, 6.5f, Font.NORMAL, Color.DARK_GRAY);
    private Language language;
    private String currentAgency;
    private boolean allAgencies;

    PdfReport(OutputStream out) {
        this.writer = PdfWriter.getInstance(document, out);
    }

    @Override
    public void start(Header header, List<AgencySummary> summaries, List<DecisionLine> decisions) {
        language = header.language();
        allAgencies = header.agencyId() == null;
        writer.setPageEvent(new Footer(header));
        document.addTitle(language.label("title") + " – " + header.planTitle());
        document.addAuthor(header.generatedBy());
        document.addSubject(header.ledgerDigest());
        document.open();
        Paragraph titleLine = new Paragraph(language.label("title"), title);
        titleLine.setAlignment(Element.ALIGN_CENTER);
        document.add(titleLine);
        document.add(new Paragraph(" ", text));

        PdfPTable info = new PdfPTable(new float[] {1.4f, 5f});
        info.setWidthPercentage(100);
        List<Object> values = Tables.info(header);
        for (int i = 0; i < Tables.INFO.size(); i++) {
            info.addCell(cell(language.label(Tables.INFO.get(i)), heading, HEADER_FILL));
            info.addCell(cell(Cells.text(values.get(i), language), text, null));
        }
        document.add(info);
        document.add(new Paragraph(language.label("verifyHint"), small));

        document.add(new Paragraph(language.label("summary"), heading));
        PdfPTable summary = new PdfPTable(Tables.SUMMARY.size());
        summary.setWidthPercentage(100);
        summary.setHeaderRows(1);
        Tables.SUMMARY.forEach(key -> summary.addCell(cell(language.label(key), heading, HEADER_FILL)));
        for (AgencySummary s : summaries) {
            Tables.summary(s).forEach(v -> summary.addCell(cell(Cells.text(v, language), text, null)));
        }
        document.add(summary);

        document.add(new Paragraph(language.label("decisions"), heading));
        if (decisions.isEmpty()) {
            document.add(new Paragraph(language.label("none"), text));
            return;
        }
        PdfPTable decided = new PdfPTable(new float[] {1.2f, 0.8f, 0.8f, 2.4f, 0.6f, 4.2f});
        decided.setWidthPercentage(100);
        decided.setHeaderRows(1);
        Tables.decisionColumns(header).forEach(key -> decided.addCell(cell(language.label(key), heading, HEADER_FILL)));
        for (DecisionLine d : decisions) {
            Tables.decision(d, language).forEach(v -> decided.addCell(cell(Cells.text(v, language), text, null)));
        }
        document.add(decided);
    }

    @Override
    public void activity(ActivityLine line) {
        if (currentAgency == null) {
            // one detail section: the agency's own report, or every activity once (all agencies)
            currentAgency = line.agencyId();
            document.newPage();
            document.add(new Paragraph(language.label("detail") + (allAgencies ? "" : ": " + line.agencyName()), title));
        }
        PdfPTable table = new PdfPTable(new float[] {0.6f, 2.2f, 1.6f, 1f, 1f, 1f, 0.7f, 0.7f, 3.2f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.setKeepTogether(line.milestones().size() < 6);
        String role = language.label(line.role()) + (line.viaGroup() == null || line.viaGroup().isEmpty()
                ? "" : " (" + language.label("viaGroup") + ": " + line.viaGroup() + ")");
        PdfPCell title = cell(line.code() + "  " + line.title() + "  —  " + role + " · " + language.label(line.status()),
                heading, HEADER_FILL);
        title.setColspan(9);
        table.addCell(title);
        for (String key : List.of("milestone", "product", "printed", "originalDue", "currentDue", "completedOn",
                "onTime", "overdue", "reschedules")) {
            table.addCell(cell(language.label(key), small, null));
        }
        for (MilestoneLine m : line.milestones()) {
            table.addCell(cell(m.milestoneId(), text, null));
            table.addCell(cell(m.product(), text, null));
            table.addCell(cell(m.printed(), text, null));
            table.addCell(cell(Cells.text(m.originalDue(), language), text, null));
            table.addCell(cell(Cells.text(m.currentDue(), language), text, null));
            table.addCell(cell(Cells.text(m.completedOn(), language), text, null));
            table.addCell(cell(language.yesNo(m.completedOnTime()), text, null));
            table.addCell(cell(language.yesNo(m.overdueAtCutOff()), text, null));
            String notices = Tables.notices(m, language);
            table.addCell(cell(reschedules(m)
                    + (notices == null ? "" : "\n" + language.label("notices") + ": " + notices)
                    + (m.urgedBeforeDue() == null ? "" : "\n" + language.label("urgedBeforeDue") + ": "
                            + language.yesNo(m.urgedBeforeDue())), text, null));
        }
        if (!line.reports().isEmpty()) {
            PdfPCell reports = cell(language.label("reports") + ": " + reports(line.reports()), text, null);
            reports.setColspan(9);
            table.addCell(reports);
        }
        document.add(table);
    }

    @Override
    public void finish() {
        document.close();
    }

    @Override
    public void close() {
        if (document.isOpen()) {
            document.close();
        }
    }

    private String reschedules(MilestoneLine m) {
        if (m.reschedules().isEmpty()) {
            return language.label("none");
        }
        StringBuilder text = new StringBuilder();
        for (RescheduleLine r : m.reschedules()) {
            text.append(Cells.text(r.from(), language)).append(" → ").append(Cells.text(r.to(), language))
                    .append(" (").append(r.daysSlipped()).append(' ').append(language.label("daysSlipped").toLowerCase()).append("); ")
                    .append(Cells.text(r.recordedAt(), language)).append(", ").append(r.actor()).append("; ")
                    .append(r.reason() == null ? "" : r.reason()).append("; ").append(language.label("basis")).append(": ")
                    .append(r.withoutBasis() ? language.label("none") : r.basisNumber() + " " + Cells.text(r.basisDate(), language))
                    .append('\n');
        }
        return text.toString().strip();
    }

    private String reports(List<ReportLine> reports) {
        StringBuilder text = new StringBuilder();
        for (ReportLine r : reports) {
            text.append(r.reportId()).append(' ').append(r.agencyName()).append(", ")
                    .append(r.documentNumber() == null ? "" : r.documentNumber() + ", ")
                    .append(language.label("sentOn")).append(' ').append(Cells.text(r.sentOn(), language)).append(", ")
                    .append(language.label("onTime")).append(": ").append(language.yesNo(r.onTime())).append(", ")
                    .append(r.answers() == null ? "" : language.label("answers") + " " + r.answers() + ", ")
                    .append(language.label(r.review()))
                    .append(r.reviewedOn() == null ? "" : " " + Cells.text(r.reviewedOn(), language))
                    .append(r.reviewReason() == null || r.reviewReason().isBlank() ? "" : ": " + r.reviewReason())
                    .append(". ");
        }
        return text.toString().strip();
    }

    private static PdfPCell cell(String content, Font font, Color fill) {
        PdfPCell cell = new PdfPCell(new Phrase(content == null ? "" : content, font));
        cell.setPadding(2.5f);
        if (fill != null) {
            cell.setBackgroundColor(fill);
        }
        return cell;
    }

    private static BaseFont font(String resource) {
        try (InputStream in = PdfReport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing (openpdf-fonts-extra)");
            }
            return BaseFont.createFont(resource.substring(resource.lastIndexOf('/') + 1), BaseFont.IDENTITY_H,
                    BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Page number and the ledger state on every page. */
    private final class Footer extends PdfPageEventHelper {
        private final Header header;

        Footer(Header header) {
            this.header = header;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte canvas = writer.getDirectContent();
            String line = language.label("page") + " " + writer.getPageNumber() + "  ·  " + header.planId() + "  ·  "
                    + language.label("cutOff") + " " + Cells.text(header.cutOff(), language) + "  ·  "
                    + language.label("ledgerPosition") + " " + header.ledgerPosition() + "  ·  SHA-256 " + header.ledgerDigest();
            ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(new Chunk(line, small)),
                    document.left(), document.bottom() - 16, 0);
        }
    }
}
