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
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.timeline.MilestoneSpec;
import org.planledger.shared.timeline.TimelineReader;

/**
 * Produces the events the command side would record for a sequence of valid commands: the same rules as the
 * {@code Plan} and {@code Activity} aggregates (a command they would refuse is answered {@code false} and records
 * nothing), the same metadata as {@code LedgerCommands} (actor, effectiveOn defaulting to the day received, or for a
 * registration to the plan's start as {@code Plan} decides, reason, basis, request id), and a recording clock the caller moves. Used by the property test, the rebuild test and the
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

    private static final class ActivityState {
        long seq = -1;
        AgencyRef lead;
        List<AgencyRef> coordinators = List.of();
        boolean cancelled;
        final Map<String, LocalDate> due = new LinkedHashMap<>();
        final Map<String, LocalDate> completed = new HashMap<>();
        int reports;
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
        return a == null ? List.of() : List.copyOf(a.due.keySet());
    }

    LocalDate due(String code, String milestoneId) {
        return activities.get(ActivityId.of(planId, code)).due.get(milestoneId);
    }

    boolean completed(String code, String milestoneId) {
        return activities.get(ActivityId.of(planId, code)).completed.containsKey(milestoneId);
    }

    boolean cancelled(String code) {
        return activities.get(ActivityId.of(planId, code)).cancelled;
    }

    List<AgencyRef> participants(String code) {
        ActivityState a = activities.get(ActivityId.of(planId, code));
        List<AgencyRef> all = new ArrayList<>(a.coordinators);
        if (a.lead != null) {
            all.add(0, a.lead);
        }
        return all;
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
        ActivityState a = new ActivityState();
        activities.put(activityId, a);
        record("Activity", activityId, ++a.seq,
                new ActivityRegistered(activityId, planId, code, section, title, List.copyOf(products), timeline, ""), meta);
        for (MilestoneSpec spec : specs) {
            LocalDate due = spec.due().orElse(null);
            a.due.put(spec.id(), due);
            record("Activity", activityId, ++a.seq, new MilestoneScheduled(activityId, spec.id(), spec.product(),
                    spec.printed(), spec.rule(), due), meta);
        }
    }

    boolean assign(String code, AgencyRef lead, List<AgencyRef> coordinators, String reason, DocumentRef basis,
            LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null || coordinators.stream().anyMatch(c -> c.id().equals(lead.id()))
                || coordinators.stream().map(AgencyRef::id).distinct().count() != coordinators.size()
                || (Objects.equals(a.lead, lead) && a.coordinators.equals(coordinators))) {
            return false;
        }
        String activityId = ActivityId.of(planId, code);
        record("Activity", activityId, ++a.seq, new ActivityAssigned(activityId, lead, List.of(), List.copyOf(coordinators),
                a.lead, List.of(), a.coordinators, reason, basis, effectiveOn), meta(effectiveOn, reason, basis));
        a.lead = lead;
        a.coordinators = List.copyOf(coordinators);
        return true;
    }

    boolean reschedule(String code, String milestoneId, LocalDate newDue, String reason, DocumentRef basis,
            LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null || !a.due.containsKey(milestoneId) || a.completed.containsKey(milestoneId)
                || newDue.equals(a.due.get(milestoneId))) {
            return false;
        }
        LocalDate in = effectiveOn == null ? today() : effectiveOn;
        String activityId = ActivityId.of(planId, code);
        record("Activity", activityId, ++a.seq, new DeadlineRescheduled(activityId, milestoneId, a.due.get(milestoneId),
                newDue, reason, basis, in), meta(in, reason, basis));
        a.due.put(milestoneId, newDue);
        return true;
    }

    /** A report for a milestone (period null) or a period (milestoneId null). */
    boolean report(String code, AgencyRef agency, String milestoneId, String period, LocalDate sentOn) {
        ActivityState a = open(code);
        if (a == null || sentOn.isAfter(today()) || (milestoneId != null && !a.due.containsKey(milestoneId))
                || (milestoneId == null && period == null)) {
            return false;
        }
        Set<String> groups = DIRECTORY.groupIdsContaining(agency.id());
        boolean takesPart = participants(code).stream().map(AgencyRef::id)
                .anyMatch(id -> id.equals(agency.id()) || groups.contains(id));
        if (!takesPart) {
            return false;
        }
        LocalDate dueInForce = milestoneId == null ? null : a.due.get(milestoneId);
        boolean onTime = dueInForce == null || !sentOn.isAfter(dueInForce);
        String activityId = ActivityId.of(planId, code);
        a.reports++;
        record("Activity", activityId, ++a.seq, new ReportSubmitted(activityId, "r" + a.reports, agency, milestoneId,
                period, "báo cáo " + a.reports, a.reports + "/BC-" + agency.id(), sentOn, dueInForce, onTime),
                meta(sentOn, null, null));
        return true;
    }

    boolean complete(String code, String milestoneId, LocalDate completedOn) {
        ActivityState a = open(code);
        if (a == null || !a.due.containsKey(milestoneId) || a.completed.containsKey(milestoneId)
                || completedOn.isAfter(today())) {
            return false;
        }
        LocalDate due = a.due.get(milestoneId);
        boolean onTime = due == null || !completedOn.isAfter(due);
        String activityId = ActivityId.of(planId, code);
        record("Activity", activityId, ++a.seq, new MilestoneCompleted(activityId, milestoneId, completedOn,
                "đã hoàn thành", due, onTime), meta(completedOn, "đã hoàn thành", null));
        a.completed.put(milestoneId, completedOn);
        return true;
    }

    boolean cancel(String code, String reason, DocumentRef basis, LocalDate effectiveOn) {
        ActivityState a = open(code);
        if (a == null) {
            return false;
        }
        LocalDate in = effectiveOn == null ? today() : effectiveOn;
        String activityId = ActivityId.of(planId, code);
        record("Activity", activityId, ++a.seq, new ActivityCancelled(activityId, reason, basis, in), meta(in, reason, basis));
        a.cancelled = true;
        return true;
    }

    private ActivityState open(String code) {
        ActivityState a = activities.get(ActivityId.of(planId, code));
        return a == null || a.cancelled ? null : a;
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
        return meta;
    }

    /** Every event of one command is recorded a millisecond after the previous one. */
    private void record(String type, String aggregateId, long seq, Object payload, Map<String, String> meta) {
        events.add(new Recorded(position++, type, aggregateId, seq, payload, Map.copyOf(meta), clock,
                UUID.nameUUIDFromBytes((planId + "/" + aggregateId + "/" + seq).getBytes()).toString()));
        clock = clock.plusMillis(1);
    }
}
