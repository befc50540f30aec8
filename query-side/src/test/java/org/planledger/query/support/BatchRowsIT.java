package org.planledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model's batch of statements on the real PostgreSQL: rows per statement in one JDBC batch, a statement over
 * keys run once with all of them, in the order the statements were first used, and a refusal that names the event
 * whose row or key the database refuses, with nothing of the batch kept.
 */
class BatchRowsIT {

    private static final String INSERT = "insert into batch_rows_it (k, n) values (:k, :n)";
    private static final String OVER_KEYS = """
            update batch_rows_it set doc = array_to_string(cast(:keys as text[]), ','), n = n / (length(k) - 1)
            where k = any(:keys)""";

    private SingleConnectionDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void connect() throws Exception {
        Connection connection = DriverManager.getConnection(
                System.getenv().getOrDefault("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger"),
                System.getenv().getOrDefault("PLANLEDGER_DB_USER", "planledger"),
                System.getenv().getOrDefault("PLANLEDGER_DB_PASSWORD", "planledger"));
        dataSource = new SingleConnectionDataSource(connection, true);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        new JdbcTemplate(dataSource).execute("create temporary table batch_rows_it (k text primary key, n int, doc text)");
    }

    @AfterEach
    void disconnect() throws Exception {
        new JdbcTemplate(dataSource).execute("drop table batch_rows_it");
        dataSource.getConnection().close();
        dataSource.destroy();
    }

    @Test
    void aStatementOverKeysRunsOnceWithEveryKeyAfterTheRowsBeforeIt() {
        transaction.executeWithoutResult(status -> {
            BatchRows rows = new BatchRows();
            for (String k : List.of("ab", "cd", "ef")) {
                rows.add("event-" + k, INSERT, new MapSqlParameterSource("k", k).addValue("n", 6));
            }
            for (String k : List.of("ef", "ab", "cd")) {
                rows.addKey("event-" + k, OVER_KEYS, k);
            }
            rows.write(dataSource, jdbc);
            assertThat(rows.isEmpty()).isTrue();
        });
        // one statement saw every key, in the order they were added; it ran after the inserts, once (6 / 1 = 6)
        assertThat(jdbc.getJdbcTemplate().queryForList("select k || ' ' || n || ' ' || doc from batch_rows_it order by k",
                String.class)).containsExactly("ab 6 ef,ab,cd", "cd 6 ef,ab,cd", "ef 6 ef,ab,cd");
    }

    @Test
    void aKeyTheDatabaseRefusesNamesItsEventAndNothingOfTheBatchIsKept() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            BatchRows rows = new BatchRows();
            for (String k : List.of("ab", "c", "de")) { // length 1: its update divides by zero
                rows.add("insert-" + k, INSERT, new MapSqlParameterSource("k", k).addValue("n", 6));
                rows.addKey("document-" + k, OVER_KEYS, k);
            }
            rows.write(dataSource, jdbc);
        })).isInstanceOfSatisfying(BatchWriteException.class,
                refused -> assertThat(refused.eventIdentifier()).isEqualTo("document-c"));
        assertThat(jdbc.getJdbcTemplate().queryForObject("select count(*) from batch_rows_it", Integer.class)).isZero();
    }

    @Test
    void oneStatementIsEitherPerRowOrOverKeys() {
        BatchRows rows = new BatchRows();
        rows.add("event", OVER_KEYS, new MapSqlParameterSource("keys", new String[] {"ab"}));
        assertThatThrownBy(() -> rows.addKey("event", OVER_KEYS, "ab"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
