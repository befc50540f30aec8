package org.planledger.query.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityEvent;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.fold.ActivityFold;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.ActivityState.Assignment;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.timeline.DueRule;
import org.planledger.shared.timeline.MilestoneSpec;
import org.planledger.shared.timeline.TimelineReader;

/**
 * Produces the events the command side would record for a sequence of valid commands (its activities' state is the
 * one fold's, {@link ActivityFold}): the same rules as the
 * {@code Plan} and {@code Activity} aggregates (a command they would refuse is answered {@code false} and records
 * nothing), the same metadata as {@code LedgerCommands} (actor, effectiveOn defaulting to the day received, or for a
 * registration to the plan's start as {@code Plan} decides, reason, basis, request id), and a recording clock the
 * caller moves. Used by the property test, the rebuild test and the
 * benchmark; not a replacement for the aggregates, whose own tests fix the rules.
 */
final class LedgerSimulation {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final AgencyDirectory DIRECTORY = AgencyDirectory.standard();

    /** A recorded event: what the event store would hold. */
    record Recorded(long position, String aggregateType, String aggregateId, long seq, Object payload,
            Map<String, String> metaData, Instant recordedAt, String eventId) {

        TrackedEventMessage<?> message() {
            GenericDomainEventMessage<Object> domain = new GenericDomainEventMessage<>(aggregateType, aggregateId, seq,
                    payload, metaData, eventId, recordedAt);
            return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position), domain);
        }

        GenericDomainEventMessage<Object> domainMessage() {
            return new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, payload, metaData, eventId, recordedAt);
        }

        String activityId() {
            if (payload instanceof ActivityAddedToPlan) {
                return null;
            }
            return "Activity".equals(aggregateType) ? aggregateId : null;
        }
    }

    private final String planId;
    private final List<Recorded> events = new ArrayList<>();
    private final Map<String, ActivityState> activities = new LinkedHashMap<>();
    private Instant clock;
    private long position;
    private long planSeq = -1;
    private int year;
    private LocalDate planInForce;
    private String user = "admin";
    private String userAgency = "";
    private String role = "PLAN_ADMIN";
    /** The amendment decision whose changes are being recorded, if any. */
    private DocumentRef decision;

    LedgerSimulation(String planId, Instant start, long firstPosition) {
        this.planId = planId;
        this.clock = start;
        this.position = firstPosition;
    }

    String planId() {
        return planId;
    }

    List<Recorded> events() {
        return events;
    }

    Instant now() {
        return clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock, ZONE);
    }

    void advance(Duration duration) {
        clock = clock.plus(duration);
    }

    void actAs(String user, String agency, String role) {
        this.user = user;
        this.userAgency = agency;
        this.role = role;
    }

    List<String> codes() {
        return activities.keySet().stream().map(ActivityId::codeOf).toList();
    }

    List<String> milestones(String code) {
        ActivityState a = activities.get(ActivityId.of(planId, code));
        return a == null ? List.of() : a.milestones().stream().map(MilestoneState::id).toList();
    }

    List<ActivityState.ReportState> reports(String code) {
        ActivityState a = activities.get(ActivityId.of(planId, code));
        return a == null ? List.of() : a.reports();
    }

    LocalDate due(String code, String milestoneId) {
        return milestone(code, milestoneId).due();
    }

    boolean completed(String code, String milestoneId) {
        return milestone(code, milestoneId).completed();
    }

    boolean cancelled(String code) {
        return activities.get(ActivityId.of(planId, code)).cancelled();
    }

    /** Lead, joint leads and coordinators, as named. */
    List<AgencyRef> participants(String code) {
        Assignment assignment = activities.get(ActivityId.of(planId, code)).assignment();
        List<AgencyRef> all = new ArrayList<>();
        if (assignment != null) {
            all.add(assignment.lead());
            all.addAll(assignment.jointLeads());
            all.addAll(assignment.coordinators());
        }
        return all;
    }

    private MilestoneState milestone(String code, String milestoneId) {
        return activities.get(ActivityId.of(planId, code)).milestone(milestoneId).orElseThrow();
    }

    static AgencyRef agency(String id) {
        return new AgencyRef(id, DIRECTORY.get(id).name());
    }

    void createPlan(String title, int year, DocumentRef decision) {
        this.year = year;
        this.planInForce = PlanCreated.inForceFrom(year, decision);
        record("Plan", planId, ++planSeq, new PlanCreated(planId, title, year, decision),
                meta(decision == null ? null : decision.date(), "plan adopted", decision));
    }

    /** Registers an activity; {@code effectiveOn} null means "from the plan's start". */
    void register(String code, String title, List<String> products, String timeline, LocalDate effectiveOn) {
        String section = code.substring(0, code.indexOf('.'));
        String activityId = ActivityId.of(planId, code);
        if (activities.containsKey(activityId)) {
            throw new IllegalArgumentException("code taken: " + code);
        }
        List<MilestoneSpec> specs = TimelineReader.read(timeline, products, year);
        Map<String, String> meta = meta(effectiveOn == null ? planInForce : effectiveOn, null, null);
        record("Plan", planId, ++planSeq, new ActivityAddedToPlan(planId, code, activityId), meta);
        recordActivity(new ActivityRegistered(activityId, planId, code, section, title, List.copyOf(products), timeline,
                ""), meta);
        for (MilestoneSpec spec : specs) {
            recordActivity(new MilestoneScheduled(activityId, spec.id(), spec.product(), spec.printed(), spec.rule(),
                    spec.due().orElse(null)), meta);
        }
    }

    boolean assign(String code, AgencyRef lead, List<AgencyRef> coordinators, String reason, DocumentRef basis,
            LocalDate effectiveOn) {
        return assign(code, lead, List.of(), coordinators, reason, basis, effectiveOn);
    }

    /** As the aggregate: no agency twice among leads and coordinators, and something must change. */
    boolean assign(String code, AgencyRef lead, List<AgencyRef> jointLeads, List<AgencyRef> coordinators, String reason,
            DocumentRef basis, LocalDate effectiveOn) {
        ActivityState a = open(code);
        List<String> named = new ArrayList<>(List.of(lead.id()));
        jointLeads.forEach(j -> named.add(j.id()));
        coordinators.forEach(c -> named.add(c.id()));
        Assignment next = new Assignment(lead, jointLeads, coordinators);
        if (a == null || named.stream().distinct().count() != named.size() || next.equals(a.assignment())) {
            return false;
        }
        Assignment previous = a.assignment();
        recordActivity(new ActivityAssigned(a.activityId(), lead, List.copyOf(jointLeads), List.copyOf(coordinators),
                previous == null ? null : previous.lead(), previous == null ? List.of() : previous.jointLeads(),
                previous == null ? List.of() : previous.coordinators(), reason, basis, effectiveOn),
                meta(effectiveOn, reason, basis));
        return true;
    }

    boolean reschedule(String code, String milestoneId, LocalDate newDue, String reason, DocumentRef basis,
            LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null || a.milestone(milestoneId).isEmpty() || completed(code, milestoneId)
                || newDue.equals(due(code, milestoneId))) {
            return false;
        }
        LocalDate in = effectiveOn == null ? today() : effectiveOn;
        recordActivity(new DeadlineRescheduled(a.activityId(), milestoneId, due(code, milestoneId), newDue, reason, basis,
                in), meta(in, reason, basis));
        return true;
    }

    /** As the aggregate: only a triggered milestone, once, before it is completed; due the printed offset after. */
    boolean trigger(String code, String milestoneId, LocalDate occurredOn, DocumentRef source) {
        ActivityState a = open(code);
        MilestoneState m = a == null ? null : a.milestone(milestoneId).orElse(null);
        if (m == null || !(m.rule() instanceof DueRule.Triggered rule) || m.triggeredOn() != null || m.completed()) {
            return false;
        }
        recordActivity(new MilestoneTriggered(a.activityId(), milestoneId, occurredOn, source, "đã có văn bản",
                m.due(), rule.dueAfter(occurredOn)), meta(null, "đã có văn bản", source));
        return true;
    }

    /** A report for a milestone (period null) or a period (milestoneId null). */
    boolean report(String code, AgencyRef agency, String milestoneId, String period, LocalDate sentOn) {
        return report(code, agency, milestoneId, period, sentOn, null);
    }

    /** A plan keeper's review of a report not yet reviewed; a returned one needs a reason. */
    boolean review(String code, String reportId, ReviewOutcome outcome, String reason) {
        ActivityState a = open(code);
        if (a == null || a.report(reportId).filter(r -> r.review() == null).isEmpty()
                || (outcome == ReviewOutcome.RETURNED && (reason == null || reason.isBlank()))) {
            return false;
        }
        recordActivity(new ReportReviewed(a.activityId(), reportId, outcome, reason == null ? "" : reason, today()),
                meta(today(), reason, null));
        return true;
    }

    /** An urging notice to an agency that takes part, naming open milestones of the activity. */
    boolean urge(String code, AgencyRef agency, String documentNumber, LocalDate sentOn, List<String> milestoneIds) {
        ActivityState a = open(code);
        Set<String> groups = DIRECTORY.groupIdsContaining(agency.id());
        if (a == null || sentOn.isAfter(today()) || milestoneIds.isEmpty()
                || participants(code).stream().map(AgencyRef::id).noneMatch(id -> id.equals(agency.id()) || groups.contains(id))
                || a.notices().stream().anyMatch(n -> n.agency().id().equals(agency.id())
                        && n.documentNumber().equals(documentNumber))) {
            return false;
        }
        List<AgencyUrged.UrgedMilestone> urged = new java.util.ArrayList<>();
        for (String id : milestoneIds) {
            if (a.milestone(id).isEmpty() || completed(code, id)) {
                return false;
            }
            LocalDate due = due(code, id);
            urged.add(new AgencyUrged.UrgedMilestone(id, due, due != null && due.isBefore(sentOn)));
        }
        recordActivity(new AgencyUrged(a.activityId(), agency, documentNumber, sentOn, urged),
                meta(sentOn, null, new DocumentRef(documentNumber, sentOn)));
        return true;
    }

    /** A report that answers the returned report {@code answers} (same agency and subject), or any report. */
    boolean report(String code, AgencyRef agency, String milestoneId, String period, LocalDate sentOn, String answers) {
        ActivityState a = open(code);
        if (a == null || sentOn.isAfter(today()) || (milestoneId != null && a.milestone(milestoneId).isEmpty())
                || (milestoneId == null && period == null)) {
            return false;
        }
        Set<String> groups = DIRECTORY.groupIdsContaining(agency.id());
        boolean takesPart = participants(code).stream().map(AgencyRef::id)
                .anyMatch(id -> id.equals(agency.id()) || groups.contains(id));
        if (!takesPart) {
            return false;
        }
        if (answers != null && !answerable(a, answers, agency, milestoneId, period)) {
            return false;
        }
        LocalDate dueInForce = milestoneId == null ? null : due(code, milestoneId);
        boolean onTime = dueInForce == null || !sentOn.isAfter(dueInForce);
        int n = a.reports().size() + 1;
        recordActivity(new ReportSubmitted(a.activityId(), "r" + n, agency, milestoneId, period, "báo cáo " + n,
                n + "/BC-" + agency.id(), sentOn, dueInForce, onTime, answers), meta(sentOn, null, null));
        return true;
    }

    private static boolean answerable(ActivityState a, String answers, AgencyRef agency, String milestoneId,
            String period) {
        return a.report(answers).filter(r -> r.review() == ReviewOutcome.RETURNED && r.agency().id().equals(agency.id())
                && java.util.Objects.equals(r.milestoneId(), milestoneId)
                && (milestoneId != null || java.util.Objects.equals(r.period(), period))).isPresent()
                && a.reports().stream().noneMatch(r -> answers.equals(r.answers()));
    }

    boolean complete(String code, String milestoneId, LocalDate completedOn) {
        ActivityState a = open(code);
        if (a == null || a.milestone(milestoneId).isEmpty() || completed(code, milestoneId)
                || completedOn.isAfter(today())) {
            return false;
        }
        LocalDate due = due(code, milestoneId);
        boolean onTime = due == null || !completedOn.isAfter(due);
        recordActivity(new MilestoneCompleted(a.activityId(), milestoneId, completedOn, "đã hoàn thành", due, onTime),
                meta(completedOn, "đã hoàn thành", null));
        return true;
    }

    boolean cancel(String code, String reason, DocumentRef basis, LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null) {
            return false;
        }
        LocalDate in = effectiveOn == null ? today() : effectiveOn;
        recordActivity(new ActivityCancelled(a.activityId(), reason, basis, in), meta(in, reason, basis));
        return true;
    }

    /**
     * As the aggregate: something must change and the timeline be readable; a milestone still named (same product,
     * printed text and rule) is kept, one no longer named is withdrawn (never a completed one), a new one is scheduled
     * and numbered after every milestone ever scheduled.
     */
    boolean amend(String code, String title, List<String> products, String timeline, String reason, DocumentRef basis,
            LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null) {
            return false;
        }
        String newTitle = title == null ? a.title() : title;
        List<String> newProducts = products == null ? a.products() : List.copyOf(products);
        String newTimeline = timeline == null ? a.timeline() : timeline;
        if (newTitle.equals(a.title()) && newProducts.equals(a.products()) && newTimeline.equals(a.timeline())) {
            return false;
        }
        List<MilestoneSpec> specs;
        try {
            specs = TimelineReader.read(newTimeline, newProducts, year);
        } catch (org.planledger.shared.timeline.UnreadableTimelineException e) {
            return false;
        }
        List<MilestoneState> unnamed = new ArrayList<>(a.milestones());
        List<MilestoneSpec> added = new ArrayList<>();
        for (MilestoneSpec spec : specs) {
            MilestoneState same = unnamed.stream().filter(m -> m.product().equals(spec.product())
                    && m.printed().equals(spec.printed()) && m.rule().equals(spec.rule())).findFirst().orElse(null);
            if (same == null) {
                added.add(spec);
            } else {
                unnamed.remove(same);
            }
        }
        if (unnamed.stream().anyMatch(MilestoneState::completed)) {
            return false;
        }
        LocalDate in = effectiveOn == null ? today() : effectiveOn;
        Map<String, String> meta = meta(in, reason, basis);
        int scheduled = a.milestones().size() + a.withdrawnMilestones().size();
        recordActivity(new ActivityAmended(a.activityId(), newTitle, newProducts, newTimeline, a.title(), a.products(),
                a.timeline(), reason, basis, in), meta);
        for (MilestoneState m : unnamed) {
            recordActivity(new MilestoneWithdrawn(a.activityId(), m.id(), m.due(), reason, basis, in), meta);
        }
        for (MilestoneSpec spec : added) {
            recordActivity(new MilestoneScheduled(a.activityId(), "m" + (++scheduled), spec.product(), spec.printed(),
                    spec.rule(), spec.due().orElse(null)), meta);
        }
        return true;
    }

    /**
     * Records an amendment decision of the plan, then its changes ({@code changes} gives them one by one, as the
     * aggregates would), every event carrying the decision in its metadata as {@code LedgerCommands} sends it.
     */
    void decide(DocumentRef decision, LocalDate effectiveOn, String summary, List<AmendmentDecided.Line> lines,
            Runnable changes) {
        this.decision = decision;
        try {
            record("Plan", planId, ++planSeq, new AmendmentDecided(planId, decision, effectiveOn, summary, lines),
                    meta(effectiveOn, summary, decision));
            changes.run();
        } finally {
            this.decision = null;
        }
    }

    private ActivityState open(String code) {
        ActivityState a = activities.get(ActivityId.of(planId, code));
        return a == null || a.cancelled() ? null : a;
    }

    /** Records an activity event and folds it into the activity's state (the one fold the read side uses). */
    private void recordActivity(ActivityEvent event, Map<String, String> meta) {
        ActivityState before = activities.get(event.activityId());
        long seq = before == null ? 0 : before.version() + 1;
        activities.put(event.activityId(), ActivityFold.apply(before, event, seq));
        record("Activity", event.activityId(), seq, event, meta);
    }

    private Map<String, String> meta(LocalDate effectiveOn, String reason, DocumentRef basis) {
        Map<String, String> meta = new HashMap<>();
        meta.put(LedgerMetaData.ACTOR_USER, user);
        meta.put(LedgerMetaData.ACTOR_AGENCY, userAgency);
        meta.put(LedgerMetaData.ACTOR_ROLE, role);
        meta.put(LedgerMetaData.EFFECTIVE_ON, (effectiveOn == null ? today() : effectiveOn).toString());
        if (reason != null) {
            meta.put(LedgerMetaData.REASON, reason);
        }
        if (basis != null && basis.isPresent()) {
            meta.put(LedgerMetaData.BASIS_NUMBER, basis.number());
            if (basis.date() != null) {
                meta.put(LedgerMetaData.BASIS_DATE, basis.date().toString());
            }
        }
        meta.put(LedgerMetaData.REQUEST_ID, "sim-" + position);
        if (decision != null) {
            meta.put(LedgerMetaData.DECISION_NUMBER, decision.number());
            meta.put(LedgerMetaData.DECISION_DATE, decision.date().toString());
        }
        return meta;
    }

    /** Every event of one command is recorded a millisecond after the previous one. */
    private void record(String type, String aggregateId, long seq, Object payload, Map<String, String> meta) {
        events.add(new Recorded(position++, type, aggregateId, seq, payload, Map.copyOf(meta), clock,
                UUID.nameUUIDFromBytes((planId + "/" + aggregateId + "/" + seq).getBytes()).toString()));
        clock = clock.plusMillis(1);
    }
}
