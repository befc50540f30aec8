package org.planledger.query.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
     * The SQL of the codes of the plan's activities ({@code :planId}) that the text finds, diacritics and case aside,
     * its parameters added to {@code params}: the code itself (IV.8, and then only that activity); or every word of the
     * text begins a word of the activity's title, products, timeline or the name of an agency taking part (lead, joint
     * lead, coordinator, or a member of a group among them), so "cai cach thu tuc" finds an activity on "cải cách hành
     * chính" and "thủ tục"; or the title is word-similar to the text (pg_trgm, {@link #SIMILAR}), which forgives a
     * slip of the keyboard. Over the current texts and names, whatever the point in time shown: the folded code,
     * title and search document kept on {@code activity_view} (V51), each word a {@code like} and the similarity a
     * {@code <%}, so that the trigram indexes can answer them. Runs inside the caller's transaction, whose
     * {@code pg_trgm.word_similarity_threshold} (what {@code <%} compares with) it sets to {@link #SIMILAR}.
     */
    String matching(String text, MapSqlParameterSource params) {
        String[] folded = jdbc.queryForObject("""
                select set_config('pg_trgm.word_similarity_threshold', cast(:similar as text), true),
                       console_fold(:text),
                       array_remove(string_to_array(trim(regexp_replace(console_fold(:text), '[^[:alnum:]]+', ' ',
                           'g')), ' '), '')""",
                new MapSqlParameterSource("text", text).addValue("similar", SIMILAR), (rs, i) -> {
                    List<String> row = new ArrayList<>(List.of(rs.getString(2)));
                    for (Object word : (Object[]) rs.getArray(3).getArray()) {
                        row.add((String) word);
                    }
                    return row.toArray(String[]::new);
                });
        params.addValue("folded", folded[0]).addValue("similar", SIMILAR);
        List<String> words = new ArrayList<>();
        for (int i = 1; i < folded.length; i++) {
            // letters and digits only (the fold above), so neither % nor _ reaches the pattern
            params.addValue("word" + i, "% " + folded[i] + "%");
            words.add("a.search_document like :word" + i);
        }
        return """
                select a.code from activity_view a
                where a.plan_id = :planId
                  and (a.search_code = :folded
                       or (not exists (select 1 from activity_view e where e.plan_id = :planId and e.search_code = :folded)
                           and ((%s)
                                or (:folded <%% a.search_title and word_similarity(:folded, a.search_title) >= :similar))))"""
                .formatted(words.isEmpty() ? "false" : String.join(" and ", words));
    }

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
