package org.planledger.query.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.planledger.query.ledger.ReadModels.AuditCheck;
import org.planledger.query.ledger.ReadModels.Lack;
import org.planledger.query.ledger.ReadModels.PointInTimeCheck;
import org.planledger.query.ledger.ReadModels.ProcessorCheck;
import org.planledger.query.ledger.ReadModels.State;
import org.planledger.query.ledger.ReadModels.WorkloadCheck;
import org.planledger.query.processing.ProcessorFailures;
import org.planledger.query.processing.ProcessorPositions;
import org.planledger.query.processing.ProcessorPositions.Processor;
import org.planledger.query.processing.ProcessorPositions.Segment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves, up to the sealed position, that every read model accounted for every event: (c) each processor's token, in
 * every segment, is at or past the position (a processor merely lagging gets a few seconds); then, in one
 * repeatable-read snapshot, (a) each event has exactly one audit entry in the live generation and no entry stands
 * where no such event is, and (b) the point-in-time model at asOf = now equals the current plan, by a checksum per
 * activity over the same canonical fields on both sides, and (d) the workload's counts the plan projection keeps
 * equal a recount of the current plan. PostgreSQL does the set differences, the anti-joins, the checksums and the
 * recount; the JVM sees one row per question, whatever the size of the ledger.
 */
@Component
class ReadModelVerifier {

    static final String AUDIT = "audit_entry";
    static final String POINT_IN_TIME = "plan_history";
    static final String CURRENT = "plan";

    /**
     * The positions without an entry, as a set difference: PostgreSQL hashes or sorts both sides whatever it believes
     * of them. As an anti-join it was planned on the statistics of the generation before a rebuild (the new one
     * "empty"), materialized the whole generation and compared every event with every entry: 4 s instead of 50 ms on
     * 10,000 events, until autovacuum analyzed the table.
     */
    private static final String MISSING_AUDIT = """
            select e.global_index, e.payload_type, e.aggregate_identifier, e.sequence_number, m.n
            from (select d.global_index, count(*) over () as n
                  from (select global_index from domain_event_entry where global_index <= :p
                        except
                        select global_position from audit_entry where generation = :g and global_position <= :p) d
                  order by d.global_index limit 1) m
            join domain_event_entry e on e.global_index = m.global_index""";

    private static final String DUPLICATED_AUDIT = """
            select d.global_position, e.payload_type, e.aggregate_identifier, e.sequence_number, count(*) over () as n
            from (select a.global_position from audit_entry a where a.generation = :g and a.global_position <= :p
                  group by a.global_position having count(*) > 1) d
            left join domain_event_entry e on e.global_index = d.global_position
            order by d.global_position limit 1""";

    private static final String EXTRA_AUDIT = """
            select a.global_position, a.event_type, coalesce(a.activity_id, a.plan_id) as aggregate_identifier,
                   a.aggregate_sequence, count(*) over () as n
            from audit_entry a
            where a.generation = :g and (a.global_position <= :p or a.global_position is null)
              and not exists (select 1 from domain_event_entry e
                              where e.global_index = a.global_position and e.event_identifier = a.event_id)
            order by a.global_position nulls first limit 1""";

    /**
     * Per activity, the canonical fields of both sides: status, version, lead, joint leads and coordinators (ids, in
     * order), each milestone (id, due, original due, completed on, on time) and each report (id, agency, sent on, on
     * time); their md5 is the activity's checksum. The first row is the first activity whose checksums differ (or
     * that one side lacks) among those no event after the position touched; the counts come along on every row. The
     * point-in-time milestones and reports are each computed once ({@code materialized}): inlined, PostgreSQL ran them
     * again for every plan of the lateral join (42 plans, 3,402 activities: 540 ms, 300 ms materialized).
     */
    private static final String CHECKSUMS = """
            with g as (select live from projection_generation where processing_group = 'plan_history'),
            plans as (
                select plan_id from plan_view
                union
                select h.plan_id from history_plan h join g on h.generation = g.live
            ),
            pit_activity as (
                select p.plan_id, a.*
                from plans p cross join g
                cross join lateral history_activities_at(g.live, p.plan_id, 'R', 'infinity', 'infinity') a
            ),
            pit_milestones as materialized (
                select m.activity_id, string_agg(row(m.milestone_id, m.due, m.original_due, m.completed_on,
                                                     m.on_time)::text, ';' order by m.milestone_id) as milestones
                from plans p cross join g
                cross join lateral history_milestones_at(g.live, p.plan_id, 'R', 'infinity', 'infinity') m
                group by m.activity_id
            ),
            pit_reports as materialized (
                select r.activity_id, string_agg(row(r.report_id, r.agency_id, r.sent_on, r.on_time)::text, ';'
                                                 order by r.report_id) as reports
                from plans p cross join g
                cross join lateral history_reports_at(g.live, p.plan_id, 'R', 'infinity', 'infinity') r
                group by r.activity_id
            ),
            pit as (
                select a.activity_id, a.plan_id, a.status::text as status, a.version, a.lead_id::text as lead,
                       (select coalesce(string_agg(j->>'id', ',' order by o), '')
                        from jsonb_array_elements(coalesce(a.joint_leads, '[]')) with ordinality x(j, o)) as joint_leads,
                       (select coalesce(string_agg(c->>'id', ',' order by o), '')
                        from jsonb_array_elements(coalesce(a.coordinators, '[]')) with ordinality y(c, o)) as coordinators,
                       coalesce(m.milestones, '') as milestones, coalesce(r.reports, '') as reports
                from pit_activity a
                left join pit_milestones m on m.activity_id = a.activity_id
                left join pit_reports r on r.activity_id = a.activity_id
            ),
            cur_participants as (
                select p.activity_id,
                       string_agg(p.agency_id, ',' order by p.position)
                           filter (where p.role = 'LEAD' and p.position > 0) as joint_leads,
                       string_agg(p.agency_id, ',' order by p.position) filter (where p.role = 'COORDINATOR') as coordinators
                from activity_participant p where p.via_group = ''
                group by p.activity_id
            ),
            cur_milestones as (
                select m.activity_id, string_agg(row(m.milestone_id, m.due, m.original_due, m.completed_on,
                                                     m.on_time)::text, ';' order by m.milestone_id) as milestones
                from milestone_view m group by m.activity_id
            ),
            cur_reports as (
                select r.activity_id, string_agg(row(r.report_id, r.agency_id, r.sent_on, r.on_time)::text, ';'
                                                 order by r.report_id) as reports
                from report_view r group by r.activity_id
            ),
            cur as (
                select a.activity_id, a.plan_id, a.status::text as status, a.version, a.lead_id::text as lead,
                       coalesce(p.joint_leads, '') as joint_leads, coalesce(p.coordinators, '') as coordinators,
                       coalesce(m.milestones, '') as milestones, coalesce(r.reports, '') as reports
                from activity_view a
                left join cur_participants p on p.activity_id = a.activity_id
                left join cur_milestones m on m.activity_id = a.activity_id
                left join cur_reports r on r.activity_id = a.activity_id
            ),
            compared as (
                select coalesce(c.activity_id, h.activity_id) as activity_id, coalesce(c.plan_id, h.plan_id) as plan_id,
                       c.activity_id is not null as in_current, h.activity_id is not null as in_pit,
                       c.status as c_status, h.status as h_status, c.version as c_version, h.version as h_version,
                       c.lead as c_lead, h.lead as h_lead, c.joint_leads as c_joint_leads, h.joint_leads as h_joint_leads,
                       c.coordinators as c_coordinators, h.coordinators as h_coordinators,
                       c.milestones as c_milestones, h.milestones as h_milestones, c.reports as c_reports,
                       h.reports as h_reports,
                       md5(row(c.status, c.version, c.lead, c.joint_leads, c.coordinators, c.milestones, c.reports)::text)
                           is distinct from
                       md5(row(h.status, h.version, h.lead, h.joint_leads, h.coordinators, h.milestones, h.reports)::text)
                           or c.activity_id is null or h.activity_id is null as differs,
                       not exists (select 1 from domain_event_entry e
                                   where e.aggregate_identifier = coalesce(c.activity_id, h.activity_id)
                                     and e.global_index > :p) as settled
                from cur c full join pit h on h.activity_id = c.activity_id
            )
            select x.*, (select live from g) as generation,
                   count(*) filter (where settled) over () as checked,
                   count(*) filter (where not settled) over () as changed_after,
                   count(*) filter (where settled and differs) over () as mismatched
            from compared x
            order by (settled and differs) desc, activity_id
            limit 1""";

    /**
     * The workload's counts as the plan projection keeps them (V53, WorkloadCounts) against a recount of the current
     * plan in the same snapshot (the rows V53 counted when it was added): each agency's activities per role, status
     * and direct or through a group (an agency taking part both ways, or through two groups, counted once, as direct
     * when named), and each lead agency's open milestones of open activities per due date. A count at 0 is no row.
     * The first row is the first count that differs; the counts come along on every row.
     */
    private static final String WORKLOAD = """
            with recount_participation as (
                select a.plan_id, p.agency_id, p.agency_name, p.role, a.status, p.via_group = '' as direct,
                       count(*) as activities
                from (select distinct on (activity_id, agency_id, role) activity_id, agency_id, agency_name, role,
                             via_group
                      from activity_participant order by activity_id, agency_id, role, via_group) p
                join activity_view a on a.activity_id = p.activity_id
                group by 1, 2, 3, 4, 5, 6
            ),
            recount_due as (
                select a.plan_id, p.agency_id, m.due, count(*) as milestones
                from (select distinct activity_id, agency_id from activity_participant where role = 'LEAD') p
                join activity_view a on a.activity_id = p.activity_id
                join milestone_view m on m.activity_id = p.activity_id
                where a.status = 'OPEN' and m.status = 'OPEN' and m.due is not null
                group by 1, 2, 3
            ),
            compared as (
                select coalesce(r.plan_id, k.plan_id) as plan_id,
                       'agencyParticipation.' || coalesce(r.agency_id, k.agency_id) || '.' || coalesce(r.role, k.role)
                           || '.' || coalesce(r.status, k.status)
                           || case when coalesce(r.direct, k.direct) then '.direct' else '.viaGroup' end as field,
                       coalesce(r.activities, 0) as recounted, coalesce(k.activities, 0) as kept
                from recount_participation r
                full join agency_participation k on k.plan_id = r.plan_id and k.agency_id = r.agency_id
                     and k.agency_name = r.agency_name and k.role = r.role and k.status = r.status and k.direct = r.direct
                union all
                select coalesce(r.plan_id, k.plan_id), 'agencyLeadDue.' || coalesce(r.agency_id, k.agency_id) || '.'
                           || coalesce(r.due, k.due), coalesce(r.milestones, 0), coalesce(k.milestones, 0)
                from recount_due r
                full join agency_lead_due k on k.plan_id = r.plan_id and k.agency_id = r.agency_id and k.due = r.due
            )
            select c.*, count(*) over () as checked, count(*) filter (where recounted <> kept) over () as differing
            from compared c
            order by (recounted <> kept) desc, plan_id, field
            limit 1""";

    private static final Part MILESTONES = new Part("milestones", "milestone_view", "history_milestones_at", "milestone_id",
            List.of("due", "original_due", "completed_on", "on_time"));
    private static final Part REPORTS = new Part("reports", "report_view", "history_reports_at", "report_id",
            List.of("agency_id", "sent_on", "on_time"));

    /** Milestones or reports of an activity, on both sides: the first one that differs, column by column. */
    private record Part(String name, String table, String function, String id, List<String> columns) {

        String sql() {
            StringBuilder select = new StringBuilder("select coalesce(c." + id + ", h." + id + ") as id, c." + id
                    + " is not null as in_current, h." + id + " is not null as in_pit");
            for (String column : columns) {
                select.append(", c.").append(column).append("::text as c_").append(column)
                        .append(", h.").append(column).append("::text as h_").append(column);
            }
            String both = String.join(", ", columns);
            return select + " from (select * from " + table + " where activity_id = :id) c"
                    + " full join (select * from " + function + "(:g, :plan, 'R', 'infinity', 'infinity')"
                    + " where activity_id = :id) h on h." + id + " = c." + id
                    + " where row(c." + id + ", c." + both.replace(", ", ", c.") + ") is distinct from row(h." + id
                    + ", h." + both.replace(", ", ", h.") + ") order by 1 limit 1";
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final ProcessorPositions positions;
    private final ProcessorFailures failures;
    private final Duration wait;

    ReadModelVerifier(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
            ProcessorPositions positions, ProcessorFailures failures, LedgerSettings settings) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.positions = positions;
        this.failures = failures;
        this.wait = settings.readModelWait() == null ? Duration.ofSeconds(5) : settings.readModelWait();
    }

    ReadModels verify(long position) {
        List<ProcessorCheck> processors = awaitProcessors(position);
        Lack processorLack = processorLack(processors, position);
        return snapshot.execute(tx -> {
            AuditCheck audit = audit(position);
            PointInTimeCheck pointInTime = pointInTime(position);
            Lack first = processorLack != null ? processorLack : audit.lack() != null ? audit.lack() : pointInTime.lack();
            return new ReadModels(first == null, position, processors, audit, pointInTime, null, first);
        });
    }

    /**
     * (d) on its own: the workload's counts against a recount of the current plan, in a read-only snapshot of its
     * own (the counts and the plan are written in one transaction, so any snapshot holds them together); run beside
     * the other checks and joined to them with {@link ReadModels#withWorkload}.
     */
    WorkloadCheck workload() {
        return snapshot.execute(tx -> countWorkload());
    }

    // --- (c) processors ---------------------------------------------------------------------------------------------

    private List<ProcessorCheck> awaitProcessors(long position) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<ProcessorCheck> checks = processorChecks(position);
            boolean waiting = checks.stream().anyMatch(c -> c.state() == State.LAGGING);
            if (!waiting || System.nanoTime() >= deadline) {
                return checks;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return checks;
            }
        }
    }

    private List<ProcessorCheck> processorChecks(long position) {
        List<ProcessorCheck> checks = new ArrayList<>();
        for (Processor processor : positions.processors()) {
            boolean rebuilding = rebuilding(processor.name());
            boolean failing = !failures.of(processor.name()).isEmpty();
            if (processor.segments().isEmpty()) {
                checks.add(new ProcessorCheck(processor.name(), 0, null,
                        position <= 0 ? State.AT_POSITION : State.NO_TOKEN, rebuilding));
            }
            for (Segment segment : processor.segments()) {
                State state = positions.reached(segment, position) ? State.AT_POSITION
                        : failing ? State.FAILING
                        : segment.position() == null ? State.NO_TOKEN
                        : processor.running() ? State.LAGGING : State.STOPPED;
                checks.add(new ProcessorCheck(processor.name(), segment.segment(), segment.position(), state, rebuilding));
            }
        }
        return checks;
    }

    private boolean rebuilding(String group) {
        return Boolean.TRUE.equals(jdbc.query("select live <> building from projection_generation where processing_group = :g",
                Map.of("g", group), rs -> rs.next() ? rs.getBoolean(1) : false));
    }

    /** The first processor not at the position: the event it is stuck on, or the first event after its position. */
    private Lack processorLack(List<ProcessorCheck> checks, long position) {
        for (ProcessorCheck check : checks) {
            if (check.state() == State.AT_POSITION) {
                continue;
            }
            if (check.state() == State.FAILING) {
                for (ProcessorFailures.Failure failure : failures.of(check.processor())) {
                    return Lack.ofEvent(check.processor(), positions.globalIndexOf(failure), failure.eventType(),
                            failure.aggregateIdentifier(), failure.sequenceNumber(),
                            "the processor is stuck on this event (retrying): " + failure.error());
                }
            }
            String detail = "the processor has not handled this event: it is "
                    + (check.state() == State.LAGGING ? "lagging (still behind after " + wait.toSeconds() + " s)"
                    : check.state() == State.STOPPED ? "stopped" : "without a token");
            Lack next = jdbc.query("""
                    select global_index, payload_type, aggregate_identifier, sequence_number from domain_event_entry
                    where global_index > :from and global_index <= :p order by global_index limit 1""",
                    Map.of("from", check.position() == null ? 0 : check.position(), "p", position),
                    rs -> rs.next() ? Lack.ofEvent(check.processor(), rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), detail) : null);
            return next != null ? next : Lack.ofEvent(check.processor(), check.position(), null, null, null,
                    detail.replace("this event", "every event up to the position"));
        }
        return null;
    }

    // --- (a) the audit trail ----------------------------------------------------------------------------------------

    private AuditCheck audit(long position) {
        MapSqlParameterSource p = new MapSqlParameterSource("p", position).addValue("g", live(AUDIT));
        Long events = jdbc.queryForObject("select count(*) from domain_event_entry where global_index <= :p", p, Long.class);
        Counted missing = first(MISSING_AUDIT, p, "no audit entry in the live generation for this event");
        Counted duplicated = first(DUPLICATED_AUDIT, p, "more than one audit entry for this event");
        Counted extra = first(EXTRA_AUDIT, p, "an audit entry for an event that is not stored at this position");
        Lack lack = null;
        for (Counted c : List.of(missing, duplicated, extra)) {
            if (c.lack() != null && (lack == null || lack.position() == null
                    || (c.lack().position() != null && c.lack().position() < lack.position()))) {
                lack = c.lack();
            }
        }
        return new AuditCheck("one audit entry per stored event up to the position, in the live generation, and none "
                + "that stands for no stored event", lack == null, events == null ? 0 : events, missing.count(),
                duplicated.count(), extra.count(), lack);
    }

    private record Counted(long count, Lack lack) {
    }

    private Counted first(String sql, MapSqlParameterSource p, String detail) {
        return jdbc.query(sql, p, rs -> rs.next()
                ? new Counted(rs.getLong("n"), Lack.ofEvent(AUDIT, rs.getObject(1, Long.class), rs.getString(2),
                        rs.getString(3), rs.getObject(4, Long.class), detail))
                : new Counted(0, null));
    }

    private int live(String group) {
        Integer live = jdbc.query("select live from projection_generation where processing_group = :g",
                Map.of("g", group), rs -> rs.next() ? rs.getInt(1) : 1);
        return live == null ? 1 : live;
    }

    // --- (b) point in time at asOf = now against the current plan --------------------------------------------------

    private PointInTimeCheck pointInTime(long position) {
        String checked = "per activity, a checksum over status, version, lead, joint leads, coordinators, each "
                + "milestone's due, original due, completion and timeliness, each report's agency, sending date and "
                + "timeliness: the point-in-time model at asOf = now against the current plan; activities changed "
                + "after the position are left out";
        return jdbc.query(CHECKSUMS, Map.of("p", position), rs -> {
            if (!rs.next()) {
                return new PointInTimeCheck(checked, true, 0, 0, 0, null);
            }
            long mismatched = rs.getLong("mismatched");
            Lack lack = null;
            if (mismatched > 0) {
                lack = difference(new Compared(rs.getString("activity_id"), rs.getString("plan_id"), rs.getInt("generation"),
                        rs.getBoolean("in_current"), rs.getBoolean("in_pit"),
                        List.of(new Field("status", rs.getString("c_status"), rs.getString("h_status")),
                                new Field("version", rs.getString("c_version"), rs.getString("h_version")),
                                new Field("lead", rs.getString("c_lead"), rs.getString("h_lead")),
                                new Field("jointLeads", rs.getString("c_joint_leads"), rs.getString("h_joint_leads")),
                                new Field("coordinators", rs.getString("c_coordinators"), rs.getString("h_coordinators")),
                                new Field("milestones", rs.getString("c_milestones"), rs.getString("h_milestones")),
                                new Field("reports", rs.getString("c_reports"), rs.getString("h_reports")))));
            }
            return new PointInTimeCheck(checked, mismatched == 0, rs.getLong("checked"), rs.getLong("changed_after"),
                    mismatched, lack);
        });
    }

    // --- (d) the workload's counts against a recount of the current plan ---------------------------------------

    private WorkloadCheck countWorkload() {
        String checked = "the workload's counts kept by the plan projection (each agency's activities per role, status "
                + "and direct or through a group; each lead agency's open milestones per due date) against a recount "
                + "of the current plan";
        return jdbc.query(WORKLOAD, Map.of(), rs -> {
            if (!rs.next()) {
                return new WorkloadCheck(checked, true, 0, 0, null);
            }
            long differing = rs.getLong("differing");
            Lack lack = differing == 0 ? null : new Lack(CURRENT, null, null, rs.getString("plan_id"), null, null,
                    rs.getString("field"), rs.getString("recounted"), null, rs.getString("kept"),
                    "the workload's count kept by the plan projection differs from a recount of the current plan");
            return new WorkloadCheck(checked, differing == 0, rs.getLong("checked"), differing, lack);
        });
    }

    private record Field(String name, String current, String pointInTime) {

        boolean differs() {
            return current == null ? pointInTime != null : !current.equals(pointInTime);
        }
    }

    private record Compared(String activityId, String planId, int generation, boolean inCurrent, boolean inPointInTime,
            List<Field> fields) {
    }

    private Lack difference(Compared c) {
        String model = CURRENT + ", " + POINT_IN_TIME;
        if (!c.inCurrent() || !c.inPointInTime()) {
            String lacking = c.inCurrent() ? "the point-in-time model" : "the current plan";
            return new Lack(c.inCurrent() ? POINT_IN_TIME : CURRENT, null, null, c.activityId(), null, c.activityId(),
                    "activity", c.inCurrent() ? "present" : null, c.inPointInTime() ? "present" : null, null,
                    lacking + " lacks this activity");
        }
        Field field = c.fields().stream().filter(Field::differs).findFirst().orElseThrow();
        Field precise = switch (field.name()) {
            case "milestones" -> part(MILESTONES, c);
            case "reports" -> part(REPORTS, c);
            default -> field;
        };
        Field shown = precise == null ? field : precise;
        return new Lack(model, null, null, c.activityId(), null, c.activityId(), shown.name(), shown.current(),
                shown.pointInTime(), null, "the point-in-time model at asOf = now differs from the current plan in "
                        + shown.name());
    }

    /** The first milestone (or report) of the activity that differs, and its first differing column. */
    private Field part(Part part, Compared c) {
        return jdbc.query(part.sql(), Map.of("id", c.activityId(), "plan", c.planId(), "g", c.generation()), rs -> {
            if (!rs.next()) {
                return null;
            }
            String id = part.name() + "." + rs.getString("id");
            if (!rs.getBoolean("in_current") || !rs.getBoolean("in_pit")) {
                return new Field(id, rs.getBoolean("in_current") ? "present" : null, rs.getBoolean("in_pit") ? "present" : null);
            }
            for (String column : part.columns()) {
                Field f = new Field(id + "." + camel(column), rs.getString("c_" + column), rs.getString("h_" + column));
                if (f.differs()) {
                    return f;
                }
            }
            return null;
        });
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }
}
