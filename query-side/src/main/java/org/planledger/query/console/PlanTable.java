package org.planledger.query.console;

import java.sql.Array;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.planledger.query.history.PointInTime;
import org.planledger.query.plan.CurrentPlanModel;
import org.planledger.query.support.ProjectionGenerations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan table's filters, search and paging, done by PostgreSQL: one query finds the activities of the asked page
 * (in printed order: {@code printed_order(code)}, kept as {@code printed_position} by V50), how many match and how
 * many the plan has, so a page reads the activities it shows and no others. Now from the current read model; at a
 * point in time over the results of {@code history_activities_at} and {@code history_milestones_at}.
 *
 * <p>The status filter computes in SQL what {@link PlanLine#of} computes for a line: cancelled, completed (every
 * milestone), overdue (the earliest open due date before the day), due soon (within {@link PlanLine#SOON_DAYS}) or on
 * track; {@code PlanTableIT} holds the two to the same answer.
 */
@Component
class PlanTable {

    private final NamedParameterJdbcTemplate jdbc;
    private final CurrentPlanModel currentPlan;
    private final ProjectionGenerations generations;
    private final ConsoleSearch search;
    private final TransactionTemplate transactions;

    PlanTable(NamedParameterJdbcTemplate jdbc, ProjectionGenerations generations, ConsoleSearch search,
            TransactionTemplate transactions, CurrentPlanModel currentPlan) {
        this.currentPlan = currentPlan;
        this.jdbc = jdbc;
        this.generations = generations;
        this.search = search;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setReadOnly(true);
    }

    /** What to keep: each null or blank criterion keeps everything; {@code agencies} is an agency and its groups. */
    record Criteria(String q, String section, Collection<String> agencies, String status) {
    }

    /**
     * One page of the table.
     *
     * @param activityIds the page's activities in printed order
     * @param shown       how many activities match
     * @param total       how many the plan has at that point in time
     * @param sections    the plan's section codes in printed order
     */
    record Page(List<String> activityIds, int shown, int total, List<String> sections) {
    }

    /** The activities now (current read model), with the columns the filters need. */
    private static final String NOW = """
            act as materialized (
                select a.activity_id, a.code, a.section, a.status, a.title, a.printed_position
                from activity_view a where a.plan_id = :planId
            ), mi as (
                select m.activity_id, m.due, m.original_due, m.status = 'COMPLETED' as done, m.on_time
                from milestone_view m join act on act.activity_id = m.activity_id
            )""";

    /** Named directly (lead, joint lead, coordinator) in the current read model. */
    private static final String NAMED_NOW = """
            exists (select 1 from activity_participant p where p.activity_id = line.activity_id and p.via_group = ''
                    and p.agency_id in (:agencies))""";

    /** The activities at a point in time (history read model). */
    private static final String AT = """
            act as materialized (
                select a.activity_id, a.code, a.section, a.status, a.title, h.printed_position, a.lead_id,
                       coalesce(a.coordinators, '[]'::jsonb) || coalesce(a.joint_leads, '[]'::jsonb) as named
                from history_activities_at(:g, :planId, cast(:axis as char), :t, :d) a
                join history_activity h on h.generation = :g and h.activity_id = a.activity_id
            ), mi as materialized (
                select m.activity_id, m.due, m.original_due, m.completed_on is not null as done, m.on_time
                from history_milestones_at(:g, :planId, cast(:axis as char), :t, :d) m
            )""";

    private static final String NAMED_AT = """
            (line.lead_id in (:agencies)
             or exists (select 1 from jsonb_array_elements(line.named) n where n ->> 'id' in (:agencies)))""";

    /** Each activity's standing on :day, in PlanLine's words (mi: its milestones, done or not). */
    private static final String LINE = """
            , ms as (
                select mi.activity_id, count(*) as milestones, count(*) filter (where mi.done) as completed,
                       min(mi.due) filter (where not mi.done) as next_due
                from mi group by mi.activity_id
            ), line as (
                select act.*, ms.next_due,
                       case when act.status = 'CANCELLED' then 'cancelled'
                            when ms.milestones > 0 and ms.completed = ms.milestones then 'completed'
                            when ms.next_due < :day then 'overdue'
                            when ms.next_due <= :soon then 'due-soon'
                            else 'on-track' end as standing
                from act left join ms on ms.activity_id = act.activity_id
            )""";

    private static final String PAGE = """
            , kept as materialized (
                select line.activity_id, row_number() over (order by line.printed_position, line.activity_id) as n
                from line where %s
            ), summary as (
                select (select count(*) from act) as total, (select count(*) from kept) as shown,
                       (select array_agg(s.section order by s.o)
                        from (select section, min(printed_position) as o from act group by section) s) as sections
            )
            select summary.total, summary.shown, summary.sections, kept.activity_id
            from summary
            left join kept on kept.n > (greatest(least(:page, (summary.shown + :size - 1) / :size), 1) - 1) * :size
                          and kept.n <= greatest(least(:page, (summary.shown + :size - 1) / :size), 1) * :size
            order by kept.n""";

    Page page(String planId, PointInTime at, LocalDate day, Criteria criteria, int asked) {
        currentPlan.requireComplete(); // the lines come from activity_view, also at a point in time
        MapSqlParameterSource params = new MapSqlParameterSource("planId", planId)
                .addValue("day", day).addValue("soon", day.plusDays(PlanLine.SOON_DAYS))
                .addValue("page", asked).addValue("size", PlanPages.Paging.SIZE);
        List<String> where = new ArrayList<>();
        where.add("true");
        if (!blank(criteria.section())) {
            where.add("line.section = :section");
            params.addValue("section", criteria.section());
        }
        if (!blank(criteria.status())) {
            where.add("line.standing = :status");
            params.addValue("status", criteria.status());
        }
        if (criteria.agencies() != null && !criteria.agencies().isEmpty()) {
            where.add(at.isNow() ? NAMED_NOW : NAMED_AT);
            params.addValue("agencies", criteria.agencies());
        }
        String source = source(at, params);
        if (blank(criteria.q())) {
            return read("with " + source + LINE + PAGE.formatted(String.join("\n and ", where)), params);
        }
        // the search's words and its similarity threshold belong to one transaction with the page's query
        return transactions.execute(tx -> {
            String found = ", found as (" + search.matching(criteria.q().trim(), params) + ")";
            where.add("line.code in (select code from found)");
            return read("with " + source + LINE + found + PAGE.formatted(String.join("\n and ", where)), params);
        });
    }

    private Page read(String sql, MapSqlParameterSource params) {
        List<String> ids = new ArrayList<>();
        int[] counts = {-1, 0};
        List<String> sections = new ArrayList<>();
        jdbc.query(sql, params, rs -> {
            if (counts[0] < 0) { // every row repeats the summary
                counts[0] = rs.getInt("total");
                counts[1] = rs.getInt("shown");
                Array array = rs.getArray("sections");
                if (array != null) {
                    for (Object s : (Object[]) array.getArray()) {
                        sections.add((String) s);
                    }
                }
            }
            String id = rs.getString("activity_id");
            if (id != null) {
                ids.add(id);
            }
        });
        return new Page(ids, counts[1], Math.max(counts[0], 0), sections);
    }

    /**
     * The milestones of the activities an agency takes part in (named, or through a group: {@code agencies} is the
     * agency and its groups) by their standing on the day, in {@link PlanLine#milestoneStatus}'s words, and those
     * activities that are overdue (ids, in printed order).
     */
    AgencyFigures agency(String planId, PointInTime at, LocalDate day, Collection<String> agencies) {
        currentPlan.requireComplete();
        MapSqlParameterSource params = new MapSqlParameterSource("planId", planId)
                .addValue("day", day).addValue("soon", day.plusDays(PlanLine.SOON_DAYS)).addValue("agencies", agencies);
        String sql = "with " + source(at, params) + LINE + """
                , mine as materialized (select line.* from line where %s)
                select 1 as part, m.standing, count(*) as milestones, count(*) filter (where m.done) as completed,
                       count(*) filter (where m.done and m.on_time) as on_time,
                       coalesce(sum(m.due - m.original_due), 0) as slipped, null as activity_id, 0 as o
                from (select case when mine.status = 'CANCELLED' then 'cancelled'
                                  when mi.done then 'completed'
                                  when mi.due < :day then 'overdue'
                                  when mi.due <= :soon then 'due-soon'
                                  else 'on-track' end as standing, mi.*
                      from mine join mi on mi.activity_id = mine.activity_id) m
                group by m.standing
                union all
                select 2, null, 0, 0, 0, 0, mine.activity_id, mine.printed_position
                from mine where mine.standing = 'overdue'
                order by 1, 8, 7""".formatted(at.isNow() ? NAMED_NOW : NAMED_AT);
        java.util.Map<String, Integer> milestones = new java.util.LinkedHashMap<>();
        PlanLine.STATUSES.forEach(st -> milestones.put(st, 0));
        long[] sums = new long[3];
        List<String> overdue = new ArrayList<>();
        jdbc.query(sql, params, rs -> {
            if (rs.getInt("part") == 1) {
                milestones.put(rs.getString("standing"), rs.getInt("milestones"));
                sums[0] += rs.getInt("completed");
                sums[1] += rs.getInt("on_time");
                sums[2] += rs.getLong("slipped");
            } else {
                overdue.add(rs.getString("activity_id"));
            }
        });
        return new AgencyFigures(milestones, (int) sums[0], (int) sums[1], sums[2], overdue);
    }

    /**
     * @param milestones by standing (every status, zero when none)
     * @param completed  milestones completed, {@code onTime} of them on time
     * @param slipped    days from the original to the current due date, summed over milestones having both
     * @param overdue    the overdue activities' ids in printed order
     */
    record AgencyFigures(java.util.Map<String, Integer> milestones, int completed, int onTime, long slipped,
            List<String> overdue) {
    }

    /** The CTEs act and mi, now or at the point in time, adding the parameters they need. */
    private String source(PointInTime at, MapSqlParameterSource params) {
        if (at.isNow()) {
            return NOW;
        }
        params.addValue("g", generations.live("plan_history")).addValue("axis", at.axis())
                .addValue("t", at.recordedBound()).addValue("d", at.validBound());
        return AT;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
