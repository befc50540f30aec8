package org.planledger.query.console;

import java.util.Collection;
import java.util.Map;
import org.planledger.query.history.PointInTime;
import org.planledger.query.support.ProjectionGenerations;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What only the console asks of the read models: Vietnamese search with or without diacritics (PostgreSQL
 * {@code unaccent} through {@code console_fold}, and {@code pg_trgm}'s word similarity for a slip of the keyboard),
 * and how often each activity's deadlines were moved.
 */
@Component
class ConsoleSearch {

    /** Word similarity (pg_trgm) from which a title matches although no word is spelled exactly. */
    static final double SIMILAR = 0.6;

    private final NamedParameterJdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    ConsoleSearch(NamedParameterJdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /**
     * The codes of the plan's activities that the text ({@code :text}) finds, diacritics and case aside (a query for
     * {@link PlanTable}, with {@code :planId} and {@code :similar}): the code itself (IV.8, and then only that
     * activity); or every word of the text begins a word of the activity's title, products, timeline or the name of
     * an agency taking part (lead, joint lead, coordinator, or a member of a group among them), so "cai cach thu tuc"
     * finds an activity on "cải cách hành chính" and "thủ tục"; or the title is word-similar to the text (pg_trgm),
     * which forgives a slip of the keyboard. Over the current texts and names, whatever the point in time shown.
     */
    static final String MATCHING = """
            with q as (select console_fold(:text) as q,
                              array_remove(string_to_array(trim(regexp_replace(console_fold(:text), '[^[:alnum:]]+', ' ', 'g')), ' '), '') as words),
            d as (select a.code, console_fold(a.code) as folded_code, console_fold(a.title) as title,
                         ' ' || regexp_replace(console_fold(a.title || ' ' || a.products::text || ' ' || a.timeline || ' '
                             || coalesce((select string_agg(p.agency_name, ' ') from activity_participant p
                                          where p.activity_id = a.activity_id), '')), '[^[:alnum:]]+', ' ', 'g') as doc
                  from activity_view a where a.plan_id = :planId)
            select d.code from d, q
            where d.folded_code = q.q
               or (not exists (select 1 from d exact where exact.folded_code = q.q)
                   and ((cardinality(q.words) > 0
                         and not exists (select 1 from unnest(q.words) w where d.doc not like '% ' || w || '%'))
                        or word_similarity(q.q, d.title) >= :similar))""";

    /**
     * Reschedules of the given activities (ids), by code, as recorded by {@code asOf} (and in force by
     * {@code validAt}).
     */
    Map<String, Integer> reschedules(String planId, Collection<String> activityIds, PointInTime at) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        if (activityIds.isEmpty()) {
            return counts;
        }
        jdbc.query("""
                select code, count(*) from audit_entry
                where generation = :g and activity_id in (:ids) and plan_id = :planId
                  and event_type = 'DeadlineRescheduled' and recorded_at <= :t and effective_on <= :d
                group by code""",
                new MapSqlParameterSource("g", generations.live("audit_entry")).addValue("planId", planId)
                        .addValue("ids", activityIds)
                        .addValue("t", at.recordedBound()).addValue("d", at.validBound()),
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }
}
