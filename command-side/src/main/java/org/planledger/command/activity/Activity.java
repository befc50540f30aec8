package org.planledger.command.activity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.planledger.command.support.AxonConfiguration;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ActingAgency;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.AmendActivity;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CancelActivity;
import org.planledger.shared.api.CompleteMilestone;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.RecordTrigger;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.api.SendUrgingNotice;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.api.ReviewReport;
import org.planledger.shared.api.SubmitReport;
import org.planledger.shared.api.VersionedCommand;
import org.planledger.shared.timeline.DueRule;
import org.planledger.shared.timeline.MilestoneSpec;
import org.planledger.shared.timeline.TimelineReader;
import org.planledger.shared.timeline.UnreadableTimelineException;

/**
 * One activity of a plan: who leads and coordinates it, its milestones and their due dates. Command handlers check a
 * rule and apply an event; state changes only in the event sourcing handlers. Each handler answers the activity's new
 * version (the sequence number of its last event).
 *
 * <p>Loaded from a snapshot (its fields as JSON, {@link ActivitySnapshots}) and the events after it, so that loading
 * does not grow with the length of its history. A change to the fields' shape bumps {@code @Revision}, which makes
 * older snapshots be ignored (the events are replayed instead, and a new snapshot taken).
 */
@Aggregate(snapshotTriggerDefinition = ActivitySnapshots.TRIGGER, cache = AxonConfiguration.ACTIVITY_CACHE)
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Activity {

    @AggregateIdentifier
    private String activityId;
    private String title;
    private List<String> products = List.of();
    private String timeline;
    private AgencyRef lead;
    private List<AgencyRef> jointLeads = List.of();
    private List<AgencyRef> coordinators = List.of();
    private boolean cancelled;
    private final Map<String, Milestone> milestones = new LinkedHashMap<>();
    /** How many milestones were ever scheduled: a new one is numbered after all of them, withdrawn ones included. */
    private int milestonesScheduled;
    private int reportCount;
    private final Map<String, Report> reports = new LinkedHashMap<>();
    /** The urging notices recorded, as "agencyId documentNumber". */
    private final java.util.Set<String> notices = new java.util.LinkedHashSet<>();

    protected Activity() {
    }

    /**
     * The version named in {@code If-Match} is checked before any rule: a request based on another version than the
     * current one is a version mismatch (412) even when its change would also break a rule.
     */
    @CommandHandlerInterceptor
    Object versionFirst(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (command.getPayload() instanceof VersionedCommand versioned && versioned.expectedVersion() != null
                && !versioned.expectedVersion().equals(getVersion())) {
            throw new ConflictingAggregateVersionException(activityId, versioned.expectedVersion(), getVersion());
        }
        return chain.proceed();
    }

    /**
     * Created by {@code Plan} when the activity is registered (the code is then known to be free); {@code inForce}
     * carries the day the activity is in force from, which the plan decides.
     */
    public Activity(ActivityRegistered registered, List<MilestoneSpec> schedule, MetaData inForce) {
        apply(registered, inForce);
        for (MilestoneSpec spec : schedule) {
            apply(new MilestoneScheduled(registered.activityId(), spec.id(), spec.product(), spec.printed(),
                    spec.rule(), spec.due().orElse(null)), inForce);
        }
    }

    @CommandHandler
    public long handle(AssignActivity command) {
        requireOpen();
        if (command.lead() == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "lead", "required", "lead agency is required");
        }
        List<AgencyRef> newLeads = new ArrayList<>(List.of(command.lead()));
        newLeads.addAll(command.jointLeads());
        if (newLeads.stream().map(AgencyRef::id).distinct().count() != newLeads.size()) {
            throw LedgerException.rule("jointLeads", "no-duplicates", "a leading agency is named twice");
        }
        List<AgencyRef> newCoordinators = command.coordinators();
        for (AgencyRef leader : newLeads) {
            if (newCoordinators.stream().anyMatch(c -> c.id().equals(leader.id()))) {
                throw LedgerException.rule("coordinators", "lead-not-coordinator",
                        leader.name() + " cannot both lead and coordinate the activity");
            }
        }
        if (newCoordinators.stream().map(AgencyRef::id).distinct().count() != newCoordinators.size()) {
            throw LedgerException.rule("coordinators", "no-duplicates", "a coordinating agency is named twice");
        }
        if (Objects.equals(lead, command.lead()) && jointLeads.equals(command.jointLeads())
                && coordinators.equals(newCoordinators)) {
            throw LedgerException.rule("lead", "assignment-changes", "the activity already has this lead and these coordinators");
        }
        apply(new ActivityAssigned(activityId, command.lead(), command.jointLeads(), newCoordinators, lead, jointLeads,
                coordinators, command.reason(), command.basis(), command.effectiveOn()));
        return getVersion();
    }

    @CommandHandler
    public long handle(RescheduleDeadline command) {
        requireOpen();
        Milestone milestone = milestone(command.milestoneId());
        if (milestone.completedOn() != null) {
            throw LedgerException.rule("milestoneId", "milestone-not-completed",
                    "milestone " + command.milestoneId() + " was completed on " + milestone.completedOn() + " and cannot be rescheduled");
        }
        if (command.newDue() == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "newDue", "required", "newDue is required");
        }
        if (command.newDue().equals(milestone.due())) {
            throw LedgerException.rule("newDue", "new-due-differs", "milestone " + command.milestoneId() + " is already due on " + milestone.due());
        }
        apply(new DeadlineRescheduled(activityId, command.milestoneId(), milestone.due(), command.newDue(),
                command.reason(), command.basis(), command.effectiveOn()));
        return getVersion();
    }

    @CommandHandler
    public long handle(SubmitReport command) {
        requireOfficerScope(command.actingAgency(), "report on");
        requireOpen();
        if (!new ActingAgency(command.agency().id(), command.agencyGroups()).isAmong(participantIds())) {
            throw LedgerException.rule("agency", "reporter-leads-or-coordinates",
                    command.agency().name() + " neither leads nor coordinates activity " + activityId);
        }
        if (command.sentOn().isAfter(command.receivedOn())) {
            throw LedgerException.rule("sentOn", "not-in-future",
                    "sentOn " + command.sentOn() + " is after the day the report is recorded (" + command.receivedOn() + ")");
        }
        LocalDate dueInForce = null;
        if (command.milestoneId() != null) {
            dueInForce = milestone(command.milestoneId()).due;
        } else if (command.period() == null || command.period().isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "milestoneId", "milestone-or-period",
                    "a report is for a milestone (milestoneId) or a reporting period (period)");
        }
        if (command.answers() != null) {
            requireAnswerable(command);
        }
        boolean onTime = dueInForce == null || !command.sentOn().isAfter(dueInForce);
        apply(new ReportSubmitted(activityId, "r" + (reportCount + 1), command.agency(), command.milestoneId(),
                command.period(), command.summary(), command.documentNumber(), command.sentOn(), dueInForce, onTime,
                command.answers()));
        return getVersion();
    }

    /** A new submission answers a report of the same agency and subject that was returned and not yet answered. */
    private void requireAnswerable(SubmitReport command) {
        Report answered = report("answers", command.answers());
        if (answered.review() != ReviewOutcome.RETURNED) {
            throw LedgerException.rule("answers", "answers-returned-report", "report " + command.answers()
                    + " was not returned (it is " + (answered.review() == null ? "awaiting review" : "accepted")
                    + "), so nothing answers it");
        }
        if (answered.answeredBy() != null) {
            throw LedgerException.rule("answers", "answer-once",
                    "report " + command.answers() + " was already answered by report " + answered.answeredBy());
        }
        if (!answered.agencyId().equals(command.agency().id())) {
            throw LedgerException.rule("answers", "answers-own-report", "report " + command.answers()
                    + " was sent by another agency than " + command.agency().name());
        }
        if (!Objects.equals(answered.milestoneId(), command.milestoneId())
                || !Objects.equals(answered.milestoneId() == null ? answered.period() : null,
                        command.milestoneId() == null ? command.period() : null)) {
            throw LedgerException.rule("answers", "answers-same-subject", "report " + command.answers() + " is for "
                    + (answered.milestoneId() != null ? "milestone " + answered.milestoneId() : "period " + answered.period())
                    + "; its answer must be for the same");
        }
    }

    @CommandHandler
    public long handle(ReviewReport command) {
        requireOpen();
        Report report = report("reportId", command.reportId());
        if (report.review() != null) {
            throw LedgerException.rule("reportId", "review-once", "report " + command.reportId() + " was already "
                    + report.review().name().toLowerCase(java.util.Locale.ROOT) + " on " + report.reviewedOn());
        }
        if (command.outcome() == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "outcome", "required", "outcome is ACCEPTED or RETURNED");
        }
        if (command.outcome() == ReviewOutcome.RETURNED && (command.reason() == null || command.reason().isBlank())) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "reason", "reason-when-returned",
                    "a returned report needs the reason it goes back to its agency");
        }
        apply(new ReportReviewed(activityId, command.reportId(), command.outcome(),
                command.reason() == null ? "" : command.reason(), command.reviewedOn()));
        return getVersion();
    }

    /**
     * Records the part of an urging notice that names milestones of this activity ({@code UrgingNotices} calls it for
     * every activity a notice names, in one unit of work). The agency must lead or coordinate the activity, each
     * milestone must exist and be open; each refusal names the field of the request that named it.
     */
    public void urge(AgencyRef agency, java.util.Set<String> agencyGroups, String documentNumber, LocalDate sentOn,
            List<SendUrgingNotice.NamedMilestone> named) {
        String field = named.get(0).field();
        if (cancelled) {
            throw LedgerException.rule(field + ".code", "activity-not-cancelled", "activity " + activityId + " is cancelled");
        }
        if (!new ActingAgency(agency.id(), agencyGroups).isAmong(participantIds())) {
            throw LedgerException.rule(field + ".code", "agency-takes-part", agency.name()
                    + " neither leads nor coordinates activity " + activityId + ", so its milestones are not the agency's");
        }
        if (notices.contains(agency.id() + " " + documentNumber)) {
            throw LedgerException.rule("documentNumber", "notice-once", "notice " + documentNumber + " to "
                    + agency.name() + " was already recorded for activity " + activityId);
        }
        List<AgencyUrged.UrgedMilestone> urged = new ArrayList<>();
        for (SendUrgingNotice.NamedMilestone m : named) {
            Milestone milestone = milestones.get(m.milestoneId());
            if (milestone == null) {
                throw new LedgerException(ErrorCode.UNKNOWN_MILESTONE, m.field() + ".milestoneId", "milestone-exists",
                        "activity " + activityId + " has no milestone " + ProblemDetails.clip(m.milestoneId())
                                + " (it has " + milestones.keySet() + ")");
            }
            if (milestone.completedOn() != null) {
                throw LedgerException.rule(m.field() + ".milestoneId", "milestone-not-completed", "milestone "
                        + m.milestoneId() + " of " + activityId + " was completed on " + milestone.completedOn());
            }
            urged.add(new AgencyUrged.UrgedMilestone(m.milestoneId(), milestone.due(),
                    milestone.due() != null && milestone.due().isBefore(sentOn)));
        }
        apply(new AgencyUrged(activityId, agency, documentNumber, sentOn, urged));
    }

    private Report report(String field, String reportId) {
        Report report = reports.get(reportId);
        if (report == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_REPORT, field, "report-exists",
                    "activity " + activityId + " has no report " + ProblemDetails.clip(reportId) + " (it has " + reports.keySet() + ")");
        }
        return report;
    }

    @CommandHandler
    public long handle(CompleteMilestone command) {
        requireOfficerScope(command.actingAgency(), "complete milestones of");
        requireOpen();
        Milestone milestone = milestone(command.milestoneId());
        if (milestone.completedOn() != null) {
            throw LedgerException.rule("milestoneId", "complete-once",
                    "milestone " + command.milestoneId() + " was already completed on " + milestone.completedOn());
        }
        if (command.completedOn().isAfter(command.receivedOn())) {
            throw LedgerException.rule("completedOn", "not-in-future",
                    "completedOn " + command.completedOn() + " is after the day it is recorded (" + command.receivedOn() + ")");
        }
        boolean onTime = milestone.due() == null || !command.completedOn().isAfter(milestone.due());
        apply(new MilestoneCompleted(activityId, command.milestoneId(), command.completedOn(), command.note(),
                milestone.due(), onTime));
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordTrigger command) {
        requireOpen();
        Milestone milestone = milestone(command.milestoneId());
        if (!(milestone.rule() instanceof DueRule.Triggered triggered)) {
            throw LedgerException.rule("milestoneId", "milestone-is-triggered", "milestone " + command.milestoneId()
                    + " does not wait for an outside event; move its date with a reschedule");
        }
        if (milestone.triggered()) {
            throw LedgerException.rule("milestoneId", "trigger-once", "the trigger of milestone " + command.milestoneId()
                    + " was already recorded; move its date with a reschedule");
        }
        if (milestone.completedOn() != null) {
            throw LedgerException.rule("milestoneId", "milestone-not-completed",
                    "milestone " + command.milestoneId() + " was completed on " + milestone.completedOn());
        }
        if (command.occurredOn() == null) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "occurredOn", "required", "occurredOn is required");
        }
        apply(new MilestoneTriggered(activityId, command.milestoneId(), command.occurredOn(), command.source(),
                command.note(), milestone.due(), triggered.dueAfter(command.occurredOn())));
        return getVersion();
    }

    @CommandHandler
    public long handle(CancelActivity command) {
        requireOpen();
        apply(new ActivityCancelled(activityId, command.reason(), command.basis(), command.effectiveOn()));
        return getVersion();
    }

    /**
     * Amends the printed title, products or timeline text. The milestones are read again from the timeline in force
     * after it: one whose product and printed text the new timeline still names keeps its id, due date and history;
     * one it no longer names is withdrawn (a completed one may not be); one it names anew is scheduled, numbered after
     * every milestone the activity ever had.
     */
    @CommandHandler
    public long handle(AmendActivity command) {
        requireOpen();
        String newTitle = command.title() == null ? title : command.title();
        List<String> newProducts = command.products() == null ? products : List.copyOf(command.products());
        String newTimeline = command.timeline() == null ? timeline : command.timeline();
        if (newTitle.equals(title) && newProducts.equals(products) && newTimeline.equals(timeline)) {
            throw LedgerException.rule("title", "amendment-changes",
                    "the amendment names the title, products and timeline activity " + activityId + " already has");
        }
        List<MilestoneSpec> specs;
        try {
            specs = TimelineReader.read(newTimeline, newProducts, command.planYear());
        } catch (UnreadableTimelineException e) {
            throw LedgerException.rule("timeline", "timeline-readable", e.getMessage());
        }
        Map<String, Milestone> unnamed = new LinkedHashMap<>(milestones);
        List<MilestoneSpec> added = new ArrayList<>();
        for (MilestoneSpec spec : specs) {
            String same = unnamed.entrySet().stream().filter(e -> e.getValue().names(spec)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (same == null) {
                added.add(spec);
            } else {
                unnamed.remove(same);
            }
        }
        for (Map.Entry<String, Milestone> gone : unnamed.entrySet()) {
            if (gone.getValue().completedOn() != null) {
                throw LedgerException.rule("timeline", "completed-milestone-kept", "milestone " + gone.getKey() + " ("
                        + gone.getValue().printed() + ") was completed on " + gone.getValue().completedOn()
                        + "; the amended timeline must still name it");
            }
        }
        apply(new ActivityAmended(activityId, newTitle, newProducts, newTimeline, title, products, timeline,
                command.reason(), command.basis(), command.effectiveOn()));
        for (Map.Entry<String, Milestone> gone : unnamed.entrySet()) {
            apply(new MilestoneWithdrawn(activityId, gone.getKey(), gone.getValue().due(), command.reason(),
                    command.basis(), command.effectiveOn()));
        }
        for (MilestoneSpec spec : added) {
            apply(new MilestoneScheduled(activityId, "m" + (milestonesScheduled + 1), spec.product(), spec.printed(),
                    spec.rule(), spec.due().orElse(null)));
        }
        return getVersion();
    }

    private void requireOpen() {
        if (cancelled) {
            throw LedgerException.rule("code", "activity-not-cancelled", "activity " + activityId + " is cancelled");
        }
    }

    private Milestone milestone(String milestoneId) {
        Milestone milestone = milestones.get(milestoneId);
        if (milestone == null) {
            throw new LedgerException(ErrorCode.UNKNOWN_MILESTONE, "milestoneId", "milestone-exists",
                    "activity " + activityId + " has no milestone " + milestoneId + " (it has " + milestones.keySet() + ")");
        }
        return milestone;
    }

    /**
     * An agency officer acts only on activities their agency leads or coordinates, directly or through a group. Checked
     * before anything else so that a refused officer learns nothing about the activity's state.
     */
    private void requireOfficerScope(ActingAgency acting, String what) {
        if (acting != null && !acting.isAmong(participantIds())) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "code", "officer-agency-takes-part",
                    "agency " + acting.agencyId() + " neither leads nor coordinates activity " + activityId
                            + ", so its officers may not " + what + " it");
        }
    }

    private List<String> participantIds() {
        List<String> ids = new ArrayList<>();
        if (lead != null) {
            ids.add(lead.id());
        }
        jointLeads.forEach(j -> ids.add(j.id()));
        coordinators.forEach(c -> ids.add(c.id()));
        return ids;
    }

    @EventSourcingHandler
    void on(ActivityRegistered event) {
        this.activityId = event.activityId();
        this.title = event.title();
        this.products = List.copyOf(event.products());
        this.timeline = event.timeline();
    }

    @EventSourcingHandler
    void on(MilestoneScheduled event) {
        milestones.put(event.milestoneId(), new Milestone(event.product(), event.printed(), event.rule(), event.due(),
                null, false));
        milestonesScheduled++;
    }

    @EventSourcingHandler
    void on(ActivityAmended event) {
        this.title = event.title();
        this.products = List.copyOf(event.products());
        this.timeline = event.timeline();
    }

    @EventSourcingHandler
    void on(MilestoneWithdrawn event) {
        milestones.remove(event.milestoneId());
    }

    @EventSourcingHandler
    void on(ActivityAssigned event) {
        this.lead = event.lead();
        this.jointLeads = event.jointLeads();
        this.coordinators = event.coordinators();
    }

    @EventSourcingHandler
    void on(DeadlineRescheduled event) {
        milestones.computeIfPresent(event.milestoneId(), (id, m) -> new Milestone(m.product(), m.printed(), m.rule(), event.newDue(), m.completedOn(), m.triggered()));
    }

    @EventSourcingHandler
    void on(MilestoneTriggered event) {
        milestones.computeIfPresent(event.milestoneId(), (id, m) -> new Milestone(m.product(), m.printed(), m.rule(), event.due(), m.completedOn(), true));
    }

    @EventSourcingHandler
    void on(ReportSubmitted event) {
        reportCount++;
        reports.put(event.reportId(), new Report(event.agency().id(), event.milestoneId(), event.period(), null, null, null));
        if (event.answers() != null) {
            reports.computeIfPresent(event.answers(), (id, r) -> new Report(r.agencyId(), r.milestoneId(), r.period(),
                    r.review(), r.reviewedOn(), event.reportId()));
        }
    }

    @EventSourcingHandler
    void on(AgencyUrged event) {
        notices.add(event.agency().id() + " " + event.documentNumber());
    }

    @EventSourcingHandler
    void on(ReportReviewed event) {
        reports.computeIfPresent(event.reportId(), (id, r) -> new Report(r.agencyId(), r.milestoneId(), r.period(),
                event.outcome(), event.reviewedOn(), r.answeredBy()));
    }

    @EventSourcingHandler
    void on(MilestoneCompleted event) {
        milestones.computeIfPresent(event.milestoneId(), (id, m) -> new Milestone(m.product(), m.printed(), m.rule(), m.due(), event.completedOn(), m.triggered()));
    }

    @EventSourcingHandler
    void on(ActivityCancelled event) {
        this.cancelled = true;
    }

    private record Milestone(String product, String printed, DueRule rule, LocalDate due, LocalDate completedOn,
            boolean triggered) {

        /** Whether a piece of a timeline names this milestone: the same product, printed text and rule. */
        boolean names(MilestoneSpec spec) {
            return spec.product().equals(product) && spec.printed().equals(printed) && spec.rule().equals(rule);
        }
    }

    /** A report as far as review and answers need it: who sent it for what, its review, which report answered it. */
    private record Report(String agencyId, String milestoneId, String period, ReviewOutcome review,
            LocalDate reviewedOn, String answeredBy) {
    }
}
