package org.planledger.query.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The statements a read model runs for one batch of events, each tagged with the event it comes from, kept in memory
 * while the batch's handlers run and sent when the batch commits: one JDBC batch per statement, statements in the
 * order they were first used, rows in the order they were added (pgjdbc's {@code reWriteBatchedInserts} turns each
 * batch of inserts into multi-row inserts). When the database refuses them, {@link BatchWrites} names the first event
 * whose statement it refuses. So a batch of a thousand events costs a handful of round trips, not several per event.
 */
public final class BatchRows {

    private record Row(String sql, SqlParameterSource params, String eventId) {
    }

    private final Map<String, List<SqlParameterSource>> bySql = new LinkedHashMap<>();
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
        bySql.computeIfAbsent(sql, s -> new ArrayList<>()).add(params);
        rows.add(new Row(sql, params, eventId));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Sends the rows (inside the batch's transaction); afterwards this holds none. */
    public void write(DataSource dataSource, NamedParameterJdbcTemplate jdbc) {
        BatchWrites.write(dataSource, rows,
                () -> bySql.forEach((sql, params) -> jdbc.batchUpdate(sql, params.toArray(SqlParameterSource[]::new))),
                row -> jdbc.update(row.sql(), row.params()), Row::eventId);
        rows.clear();
        bySql.clear();
    }
}
