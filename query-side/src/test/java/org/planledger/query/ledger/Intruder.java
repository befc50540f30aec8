package org.planledger.query.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Someone with superuser rights on the database: the only kind of user who can switch off the append-only trigger.
 * Connects with PLANLEDGER_TEST_SUPERUSER / _PASSWORD (created for the run by {@code ./planledger test}) to
 * PLANLEDGER_TEST_SUPERUSER_URL, by default the test database itself.
 */
public final class Intruder implements AutoCloseable {

    static final String TRIGGER = "domain_event_entry_no_update_delete";

    private final Connection connection;

    private Intruder(Connection connection) {
        this.connection = connection;
    }

    public static Intruder connect() throws SQLException {
        return connect(System.getenv().getOrDefault("PLANLEDGER_TEST_SUPERUSER_URL",
                System.getenv().getOrDefault("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger")));
    }

    /** The same superuser, connected to the database at {@code url}. */
    public static Intruder connect(String url) throws SQLException {
        String user = System.getenv("PLANLEDGER_TEST_SUPERUSER");
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("these tests need a PostgreSQL superuser to play the intruder: run them with "
                    + "./planledger test (it creates one for the run), or set PLANLEDGER_TEST_SUPERUSER, "
                    + "PLANLEDGER_TEST_SUPERUSER_PASSWORD and PLANLEDGER_TEST_SUPERUSER_URL");
        }
        return new Intruder(DriverManager.getConnection(url, user, System.getenv("PLANLEDGER_TEST_SUPERUSER_PASSWORD")));
    }

    /** Runs the statements with the event table's trigger disabled, all in one transaction (so nobody sees it off). */
    void withTriggerDisabled(Statements statements) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("alter table domain_event_entry disable trigger " + TRIGGER);
            statements.run(connection);
            s.execute("alter table domain_event_entry enable trigger " + TRIGGER);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs one statement as the superuser, triggers left as they are. */
    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public long queryLong(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every column of the events at these positions, to put them back afterwards. */
    List<Map<String, Object>> copyOf(long... positions) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long position : positions) {
            try (PreparedStatement query = connection.prepareStatement(
                    "select * from domain_event_entry where global_index = ?")) {
                query.setLong(1, position);
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.put(meta.getColumnName(i), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** Removes whatever now stands at these positions (or carries these events' ids) and puts the copies back. */
    void restore(List<Map<String, Object>> copies, long... positions) throws SQLException {
        withTriggerDisabled(c -> {
            for (long position : positions) {
                update(c, "delete from domain_event_entry where global_index = ?", position);
            }
            for (Map<String, Object> row : copies) {
                update(c, "delete from domain_event_entry where event_identifier = ?", row.get("event_identifier"));
                insert(c, row);
            }
        });
    }

    /** Inserts a row as given, its global_index included (bypassing the identity, as only a superuser or owner may). */
    static void insert(Connection c, Map<String, Object> row) throws SQLException {
        String columns = String.join(", ", row.keySet());
        String values = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        try (PreparedStatement insert = c.prepareStatement("insert into domain_event_entry (" + columns
                + ") overriding system value values (" + values + ")")) {
            int i = 1;
            for (Object value : row.values()) {
                insert.setObject(i++, value);
            }
            insert.executeUpdate();
        }
    }

    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    @FunctionalInterface
    interface Statements {
        void run(Connection connection) throws SQLException;
    }
}
