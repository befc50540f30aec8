package org.planledger.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The statements a read model runs for one batch of events, each tagged with the event it comes from, kept in memory
 * while the batch's handlers run and sent when the batch commits: one JDBC batch per statement, statements in the
 * order they were first used, rows in the order they were added (pgjdbc's {@code reWriteBatchedInserts} turns each
 * batch of inserts into multi-row inserts). When the database refuses them, {@link BatchWrites} names the first event
 * whose statement it refuses. So a batch of a thousand events costs a handful of round trips, not several per event.
 * A statement that is cheaper run once over all its rows' keys than once per row ({@link #addKey}) is sent once per
 * batch with the keys as an array; a refusal still names the event, by running it for each key alone.
 */
public final class BatchRows {

    private record Row(String sql, SqlParameterSource params, String eventId) {
    }

    /** A statement of the batch: one JDBC batch of rows, or one statement over the keys of its rows. */
    private sealed interface Statement {

        void run(NamedParameterJdbcTemplate jdbc);
    }

    private record EachRow(String sql, List<SqlParameterSource> params) implements Statement {

        @Override
        public void run(NamedParameterJdbcTemplate jdbc) {
            jdbc.batchUpdate(sql, params.toArray(SqlParameterSource[]::new));
        }
    }

    private record OverKeys(String sql, List<String> keys) implements Statement {

        @Override
        public void run(NamedParameterJdbcTemplate jdbc) {
            jdbc.update(sql, keyParameter(keys));
        }
    }

    /** The parameter that holds the keys of a statement run over keys ({@link #addKey}). */
    private static final String KEYS = "keys";

    private final Map<String, Statement> bySql = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    public BatchRows() {
    }

    /**
     * The rows of the current batch (the root unit of work) under {@code key}, written at its prepare-commit phase in
     * the same transaction as the processor's token.
     */
    public static BatchRows ofCurrentBatch(String key, DataSource dataSource, NamedParameterJdbcTemplate jdbc) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a projection's rows are written inside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, k -> {
            BatchRows batch = new BatchRows();
            unitOfWork.onPrepareCommit(u -> batch.write(dataSource, jdbc));
            return batch;
        });
    }

    /** Runs {@code sql} with {@code params} when the batch commits, on behalf of the event {@code eventId}. */
    public void add(String eventId, String sql, SqlParameterSource params) {
        if (!(bySql.computeIfAbsent(sql, s -> new EachRow(s, new ArrayList<>())) instanceof EachRow each)) {
            throw new IllegalArgumentException("a statement run over keys cannot also run per row: " + sql);
        }
        each.params().add(params);
        rows.add(new Row(sql, params, eventId));
    }

    /**
     * Runs {@code sql} once when the batch commits, with the keys of every call under it as the array parameter
     * {@code :keys} (in the order they were added), on behalf of the event {@code eventId} for {@code key}; when the
     * database refuses the batch, the same statement run for {@code key} alone names the event whose key it refuses.
     * For a statement whose per-row cost is its planning and a function's set-up, such as a document computed from
     * several tables.
     */
    public void addKey(String eventId, String sql, String key) {
        if (!(bySql.computeIfAbsent(sql, s -> new OverKeys(s, new ArrayList<>())) instanceof OverKeys over)) {
            throw new IllegalArgumentException("a statement run per row cannot also run over keys: " + sql);
        }
        over.keys().add(key);
        rows.add(new Row(sql, keyParameter(List.of(key)), eventId));
    }

    private static SqlParameterSource keyParameter(List<String> keys) {
        return new MapSqlParameterSource(KEYS, keys.toArray(String[]::new));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Sends the rows (inside the batch's transaction); afterwards this holds none. */
    public void write(DataSource dataSource, NamedParameterJdbcTemplate jdbc) {
        BatchWrites.write(dataSource, rows,
                () -> bySql.values().forEach(statement -> statement.run(jdbc)),
                row -> jdbc.update(row.sql(), row.params()), Row::eventId);
        rows.clear();
        bySql.clear();
    }
}
