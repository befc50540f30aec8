package org.planledger.command.importing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planledger.command.importing.AmendmentTable.MarkedRow;
import org.planledger.command.plan.AmendmentRecording;
import org.planledger.command.plan.PlanYears;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.agency.AgencyResolver;
import org.planledger.shared.agency.UnresolvedAgencyException;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.AmendmentChange.Kind;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.fold.ActivityFold;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.plan.ProductItems;
import org.planledger.shared.timeline.TimelineReader;
import org.planledger.shared.timeline.UnreadableTimelineException;
import org.springframework.stereotype.Component;

/**
 * Turns the marked rows of an amendment table into the changes of one amendment decision and records it through
 * {@link AmendmentRecording}, the JSON endpoint's path. A changed row is compared with the activity as the ledger
 * holds it (its history folded by {@link ActivityFold}): a new title, products or timeline is an amendment, a new
 * lead, joint leads or coordinators a reassignment, and only what differs is recorded. Every row is checked before
 * anything is sent; a refusal of the decision itself is given back as an error of the row it came from.
 */
@Component
class AmendmentImport {

    static final int MAX_CHANGES = 200;
    private static final Pattern CHANGE_FIELD = Pattern.compile("changes\\[(\\d+)](?:\\.(\\w+))?.*");

    private final EventStore eventStore;
    private final PlanYears planYears;
    private final AmendmentRecording recording;
    private final AgencyResolver resolver = new AgencyResolver(AgencyDirectory.standard());

    AmendmentImport(EventStore eventStore, PlanYears planYears, AmendmentRecording recording) {
        this.eventStore = eventStore;
        this.planYears = planYears;
        this.recording = recording;
    }

    /** A change and the file row it was read from. */
    record RowChange(MarkedRow row, AmendmentChange change) {
    }

    /**
     * What the client sent, by which a retry with the same {@code Idempotency-Key} is known: the file's SHA-256 and
     * the parameters.
     */
    record Request(String planId, String ifMatch, String fileSha256, String format, DocumentRef decision,
            java.time.LocalDate effectiveOn, String summary) {
    }

    AmendmentRecording.DecisionRecorded record(Request request, AmendmentTable.Parsed table) {
        List<RowChange> read = new ArrayList<>();
        try {
            return recording.record(request.planId(), request.ifMatch(), request.decision(), request.effectiveOn(),
                    request.summary(), request, () -> {
                        read.addAll(checked(request.planId(), table));
                        return read.stream().map(RowChange::change).toList();
                    });
        } catch (LedgerException e) {
            Matcher at = e.field() == null ? null : CHANGE_FIELD.matcher(e.field());
            if (at == null || !at.matches() || Integer.parseInt(at.group(1)) >= read.size()) {
                throw e;
            }
            MarkedRow row = read.get(Integer.parseInt(at.group(1))).row();
            throw new ImportRejected("amendment file", List.of(new RowError(row.row(), row.code(),
                    column(at.group(2)), e.rule(), e.getMessage().replaceFirst("^changes\\[\\d+]: ", ""))));
        }
    }

    /** The changes of a table whose every row is good; otherwise the rows that are not, all of them. */
    private List<RowChange> checked(String planId, AmendmentTable.Parsed table) {
        int year = planYears.of(planId);
        List<RowError> errors = new ArrayList<>(table.errors());
        List<RowChange> changes = changes(planId, year, table.rows(), errors);
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RowError::row));
            throw new ImportRejected("amendment file", errors);
        }
        if (changes.isEmpty()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "file", "some-row-marked",
                    "no row is marked " + AmendmentTable.MARK + " (bổ sung, điều chỉnh or bãi bỏ): the file changes nothing");
        }
        if (changes.size() > MAX_CHANGES) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "file", "at-most-" + MAX_CHANGES + "-changes",
                    "a decision makes at most " + MAX_CHANGES + " changes; the file makes " + changes.size());
        }
        return changes;
    }

    /** The changes the rows make, in file order; what cannot be read goes to {@code errors}. */
    List<RowChange> changes(String planId, int year, List<MarkedRow> rows, List<RowError> errors) {
        List<RowChange> changes = new ArrayList<>();
        for (MarkedRow row : rows) {
            int before = errors.size();
            ActivityState current = current(ActivityId.of(planId, row.code()));
            switch (row.mark()) {
                case ADDED -> {
                    if (current != null) {
                        errors.add(error(row, "STT", "code-free", "plan " + planId + " already has activity "
                                + row.code() + "; mark the row điều chỉnh to change it"));
                    }
                    require(row, row.title(), "Danh mục các hoạt động", errors);
                    require(row, row.timeline(), "Thời gian", errors);
                    List<String> products = ProductItems.of(row.products());
                    readable(row, row.timeline(), products, year, errors);
                    Assignment assignment = assignment(row, errors);
                    if (errors.size() == before) {
                        changes.add(new RowChange(row, new AmendmentChange(Kind.ADD, row.code(), row.section(),
                                row.title(), products, row.timeline(), null, null,
                                assignment == null ? null : assignment.lead(),
                                assignment == null ? null : assignment.jointLeads(),
                                assignment == null ? null : assignment.coordinators(), null)));
                    }
                }
                case CHANGED -> {
                    if (!known(row, planId, current, errors)) {
                        continue;
                    }
                    String title = differs(row.title(), current.title()) ? row.title() : null;
                    List<String> products = ProductItems.of(row.products());
                    boolean newProducts = !row.products().isEmpty()
                            && !products.equals(current.products().stream().map(PlanTable::clean).toList());
                    String timeline = differs(row.timeline(), current.timeline()) ? row.timeline() : null;
                    if (timeline != null || newProducts) {
                        readable(row, timeline == null ? current.timeline() : timeline,
                                newProducts ? products : current.products(), year, errors);
                    }
                    Assignment assignment = assignment(row, errors);
                    boolean reassigned = assignment != null && !assignment.sameAs(current.assignment());
                    if (errors.size() > before) {
                        continue;
                    }
                    if (title == null && !newProducts && timeline == null && !reassigned) {
                        errors.add(error(row, AmendmentTable.MARK, "no-change", "the row gives activity " + row.code()
                                + " the title, products, timeline and agencies it already has"));
                        continue;
                    }
                    if (title != null || newProducts || timeline != null) {
                        changes.add(new RowChange(row, new AmendmentChange(Kind.AMEND, row.code(), null, title,
                                newProducts ? products : null, timeline, null, null, null, null, null, null)));
                    }
                    if (reassigned) {
                        changes.add(new RowChange(row, new AmendmentChange(Kind.REASSIGN, row.code(), null, null, null,
                                null, null, null, assignment.lead(), assignment.jointLeads(),
                                assignment.coordinators(), null)));
                    }
                }
                case WITHDRAWN -> {
                    if (known(row, planId, current, errors)) {
                        changes.add(new RowChange(row, new AmendmentChange(Kind.CANCEL, row.code(), null, null, null,
                                null, null, null, null, null, null, row.notes().isEmpty() ? null : row.notes())));
                    }
                }
            }
        }
        return changes;
    }

    /** The activity as its history leaves it; {@code null} if the ledger has no such activity. */
    private ActivityState current(String activityId) {
        List<ActivityEvent> events = eventStore.readEvents(activityId, 0).asStream()
                .map(e -> (ActivityEvent) e.getPayload()).toList();
        return events.isEmpty() ? null : ActivityFold.fold(events);
    }

    private static boolean known(MarkedRow row, String planId, ActivityState current, List<RowError> errors) {
        if (current == null) {
            errors.add(error(row, "STT", "activity-exists", "plan " + planId + " has no activity " + row.code()
                    + "; mark the row bổ sung to add it"));
            return false;
        }
        if (current.cancelled()) {
            errors.add(error(row, "STT", "activity-not-cancelled", "activity " + row.code() + " is cancelled"));
            return false;
        }
        return true;
    }

    private static boolean differs(String cell, String current) {
        return !cell.isEmpty() && !cell.equals(PlanTable.clean(current));
    }

    private static void require(MarkedRow row, String cell, String column, List<RowError> errors) {
        if (cell.isEmpty()) {
            errors.add(error(row, column, "required", "an added activity needs its " + column));
        }
    }

    private static void readable(MarkedRow row, String timeline, List<String> products, int year,
            List<RowError> errors) {
        if (timeline.isEmpty()) {
            return;
        }
        try {
            TimelineReader.read(timeline, products, year);
        } catch (UnreadableTimelineException e) {
            errors.add(error(row, "Thời gian", "timeline-readable", e.getMessage()));
        }
    }

    /** Who the row names (lead first, joint leads after it, then coordinators), or {@code null} if Chủ trì is empty. */
    private Assignment assignment(MarkedRow row, List<RowError> errors) {
        List<AgencyRef> leads = agencies(row, row.lead(), "Chủ trì", errors);
        List<AgencyRef> coordinators = agencies(row, row.coordinators(), "Phối hợp", errors);
        if (leads == null || coordinators == null || leads.isEmpty()) {
            return null;
        }
        Set<String> leadIds = new LinkedHashSet<>(leads.stream().map(AgencyRef::id).toList());
        return new Assignment(leads.get(0), leads.subList(1, leads.size()),
                coordinators.stream().filter(c -> !leadIds.contains(c.id())).toList());
    }

    private List<AgencyRef> agencies(MarkedRow row, String cell, String column, List<RowError> errors) {
        if (cell.isEmpty()) {
            return List.of();
        }
        try {
            return PlanImport.refs(resolver.resolveCell(cell));
        } catch (UnresolvedAgencyException e) {
            errors.add(error(row, column, "agency-known",
                    "'" + e.getUnresolved() + "' is not an agency, group or known spelling (cell: " + cell + ")"));
            return null;
        }
    }

    private static RowError error(MarkedRow row, String column, String rule, String reason) {
        return new RowError(row.row(), row.code(), column, rule, reason);
    }

    /** The column of the field a refusal names. */
    private static String column(String field) {
        if (field == null) {
            return AmendmentTable.MARK;
        }
        return switch (field) {
            case "code", "section" -> "STT";
            case "title" -> "Danh mục các hoạt động";
            case "products" -> "Kết quả/Sản phẩm";
            case "lead", "jointLeads" -> "Chủ trì";
            case "coordinators" -> "Phối hợp";
            case "timeline" -> "Thời gian";
            case "reason" -> "Ghi chú";
            default -> AmendmentTable.MARK;
        };
    }

    private record Assignment(AgencyRef lead, List<AgencyRef> jointLeads, List<AgencyRef> coordinators) {

        boolean sameAs(ActivityState.Assignment current) {
            return current != null && current.lead() != null && lead.id().equals(current.lead().id())
                    && ids(jointLeads).equals(ids(current.jointLeads()))
                    && ids(coordinators).equals(ids(current.coordinators()));
        }

        private static Set<String> ids(List<AgencyRef> agencies) {
            return new java.util.HashSet<>(agencies.stream().map(AgencyRef::id).toList());
        }
    }
}
