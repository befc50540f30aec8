package org.planledger.query.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes of a read model done once per batch of events, when it commits. When the database refuses the batch, the
 * items are tried one by one in the order they were added, each on top of those before it (so that an update finds
 * the row an earlier item inserted), to name the first event whose rows it refuses ({@link BatchWriteException}); the
 * batch's transaction rolls back in any case, so nothing of it is kept.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    public static <T> void write(DataSource dataSource, List<T> items, Runnable batch, Consumer<T> one,
            Function<T, String> eventOf) {
        if (items.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            boolean inTransaction = !connection.getAutoCommit();
            Savepoint beforeBatch = inTransaction ? connection.setSavepoint() : null;
            try {
                batch.run();
                if (beforeBatch != null) {
                    connection.releaseSavepoint(beforeBatch);
                }
            } catch (DataAccessException refused) {
                if (beforeBatch != null) {
                    connection.rollback(beforeBatch);
                }
                throw new BatchWriteException(firstRefused(connection, inTransaction, items, one, eventOf), refused);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint for a read model's batch", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static <T> String firstRefused(Connection connection, boolean inTransaction, List<T> items, Consumer<T> one,
            Function<T, String> eventOf) throws SQLException {
        for (T item : items) {
            Savepoint trial = inTransaction ? connection.setSavepoint() : null;
            try {
                one.accept(item);
                if (trial != null) {
                    connection.releaseSavepoint(trial);
                }
            } catch (DataAccessException refused) {
                if (trial != null) {
                    connection.rollback(trial);
                }
                return eventOf.apply(item);
            }
        }
        return eventOf.apply(items.get(0));
    }
}
