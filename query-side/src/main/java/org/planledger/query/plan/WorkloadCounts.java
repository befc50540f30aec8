package org.planledger.query.plan;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.planledger.query.support.BatchRows;
import org.planledger.query.support.Storable;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.fold.ActivityState;
import org.planledger.shared.fold.ActivityState.MilestoneState;
import org.planledger.shared.fold.ActivityState.Participant;

/**
 * The workload's counts (V53: {@code agency_participation}, {@code agency_lead_due}) that one batch of the plan
 * projection changes: each activity takes back what it counted in its state before the batch and adds what it counts
 * after, the changes summed over the batch so that a count many activities move is written once, each on behalf of
 * the last event that moved it. An agency taking part in an activity both directly and through a group (or through
 * two groups) counts once per role, as direct when it is named.
 */
final class WorkloadCounts {

    private static final String PARTICIPATION = """
            insert into agency_participation (plan_id, agency_id, agency_name, role, status, direct, activities)
            values (:planId, :agencyId, :name, :role, :status, :direct, :n)
            on conflict (plan_id, agency_id, agency_name, role, status, direct)
            do update set activities = agency_participation.activities + excluded.activities""";
    private static final String LEAD_DUE = """
            insert into agency_lead_due (plan_id, agency_id, due, milestones) values (:planId, :agencyId, :due, :n)
            on conflict (plan_id, agency_id, due) do update set milestones = agency_lead_due.milestones + excluded.milestones""";

    /**
     * A count back at zero is no row, as if it had never moved: a replay, whose batches sum many events, writes the
     * rows live processing did.
     */
    private static final String DROP_ZEROS = """
            with p as (delete from agency_participation where plan_id = :planId and activities = 0)
            delete from agency_lead_due where plan_id = :planId and milestones = 0""";

    private record Participation(String planId, String agencyId, String agencyName, String role, String status,
            boolean direct) {
    }

    private record LeadDue(String planId, String agencyId, LocalDate due) {
    }

    private static final class Delta {
        private int n;
        private String eventId;
    }

    private final AgencyDirectory directory;
    private final Map<Participation, Delta> participation = new HashMap<>();
    private final Map<LeadDue, Delta> due = new HashMap<>();

    WorkloadCounts(AgencyDirectory directory) {
        this.directory = directory;
    }

    /** The activity went from {@code before} (null: it is new) to {@code after} by the event {@code eventId}. */
    void change(ActivityState before, ActivityState after, String eventId) {
        count(before, -1, eventId);
        count(after, 1, eventId);
    }

    private void count(ActivityState activity, int sign, String eventId) {
        if (activity == null) {
            return;
        }
        Map<String, Participant> counted = new LinkedHashMap<>();
        for (Participant p : activity.participants(directory)) {
            counted.merge(p.agencyId() + '\u0000' + p.role(), p,
                    (kept, other) -> other.viaGroup().compareTo(kept.viaGroup()) < 0 ? other : kept);
        }
        String status = activity.status().name();
        for (Participant p : counted.values()) {
            add(participation, new Participation(activity.planId(), p.agencyId(), p.agencyName(), p.role().name(),
                    status, p.direct()), sign, eventId);
            if (p.role() == ActivityState.Role.LEAD && activity.status() == ActivityState.Status.OPEN) {
                for (MilestoneState m : activity.milestones()) {
                    if (!m.completed() && m.due() != null) {
                        add(due, new LeadDue(activity.planId(), p.agencyId(), m.due()), sign, eventId);
                    }
                }
            }
        }
    }

    private static <K> void add(Map<K, Delta> deltas, K key, int sign, String eventId) {
        Delta delta = deltas.computeIfAbsent(key, k -> new Delta());
        delta.n += sign;
        delta.eventId = eventId;
    }

    /**
     * Adds the batch's changes to {@code rows}, counts that did not move left out, in the order of their keys (so two
     * writers would take the rows' locks in one order).
     */
    void writeTo(BatchRows rows) {
        participation.entrySet().stream().filter(e -> e.getValue().n != 0)
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Participation::planId)
                        .thenComparing(Participation::agencyId).thenComparing(Participation::agencyName)
                        .thenComparing(Participation::role).thenComparing(Participation::status)
                        .thenComparing(Participation::direct)))
                .forEach(e -> rows.add(e.getValue().eventId, PARTICIPATION, Storable.parameters()
                        .addValue("planId", e.getKey().planId()).addValue("agencyId", e.getKey().agencyId())
                        .addValue("name", e.getKey().agencyName()).addValue("role", e.getKey().role())
                        .addValue("status", e.getKey().status()).addValue("direct", e.getKey().direct())
                        .addValue("n", e.getValue().n)));
        due.entrySet().stream().filter(e -> e.getValue().n != 0)
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(LeadDue::planId).thenComparing(LeadDue::agencyId)
                        .thenComparing(LeadDue::due)))
                .forEach(e -> rows.add(e.getValue().eventId, LEAD_DUE, Storable.parameters()
                        .addValue("planId", e.getKey().planId()).addValue("agencyId", e.getKey().agencyId())
                        .addValue("due", e.getKey().due()).addValue("n", e.getValue().n)));
        // only a count that went down can be back at zero
        Map<String, String> plans = new TreeMap<>();
        participation.forEach((key, delta) -> {
            if (delta.n < 0) {
                plans.put(key.planId(), delta.eventId);
            }
        });
        due.forEach((key, delta) -> {
            if (delta.n < 0) {
                plans.put(key.planId(), delta.eventId);
            }
        });
        plans.forEach((planId, eventId) -> rows.add(eventId, DROP_ZEROS, Storable.parameters().addValue("planId", planId)));
        participation.clear();
        due.clear();
    }
}
