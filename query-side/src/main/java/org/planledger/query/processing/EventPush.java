package org.planledger.query.processing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.planledger.query.support.WakesOnAppend;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Push, not poll: a dedicated connection (not one of the pool's) LISTENs on the channel the command side notifies
 * after each commit that appended events ({@link EventStoreSchema#APPENDED_CHANNEL}; commits close together share a
 * notification), and each notification wakes every {@link WakesOnAppend}: the event
 * store's producer, which the tracking processors read from, and the ledger's sealer. When the connection is lost it
 * connects again by itself after {@code planledger.push.reconnect-delay}, and wakes everyone once it listens again,
 * so events appended in between are read then; meanwhile the poll ({@code planledger.fetch-delay}) carries on, as it
 * always does. Health component {@code eventPush}: UP either way (nothing is missed, only later), with
 * {@code listening} false and the last error while it polls only.
 */
@Component("eventPush")
class EventPush implements SmartLifecycle, HealthIndicator {

    static final String CHANNEL = EventStoreSchema.APPENDED_CHANNEL;
    /** How the connection shows in {@code pg_stat_activity.application_name}. */
    static final String APPLICATION_NAME = "planledger-push";
    private static final Logger log = LoggerFactory.getLogger(EventPush.class);

    private final DataSourceProperties database;
    private final ObjectProvider<WakesOnAppend> readers;
    private final PushSettings settings;
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong connectionsLost = new AtomicLong();
    private volatile List<WakesOnAppend> woken = List.of();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile Instant listeningSince;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    EventPush(DataSourceProperties database, ObjectProvider<WakesOnAppend> readers, PushSettings settings) {
        this.database = database;
        this.readers = readers;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        woken = readers.orderedStream().toList();
        running = true;
        thread = new Thread(this::listen, "event-push");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread listener = thread;
        if (listener == null) {
            return;
        }
        closeQuietly(connection);
        listener.interrupt();
        try {
            listener.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the connection listens now (false while it reconnects, or when push is off). */
    boolean listening() {
        return listeningSince != null;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("enabled", settings.enabled());
        details.put("listening", listening());
        if (listeningSince != null) {
            details.put("listeningSince", listeningSince.toString());
        }
        details.put("notifications", notifications.get());
        details.put("connectionsLost", connectionsLost.get());
        if (lastError != null) {
            details.put("lastError", lastError);
            details.put("lastErrorAt", lastErrorAt.toString());
        }
        return Health.up().withDetails(details).build();
    }

    private void listen() {
        while (running) {
            try (Connection listener = connect()) {
                connection = listener;
                try (Statement statement = listener.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                listeningSince = Instant.now();
                log.info("listening for appended events on channel {}", CHANNEL);
                wakeAll(); // what was appended while not listening
                receive(listener);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                connectionsLost.incrementAndGet();
                lastError = ProcessorFailures.describe(e);
                lastErrorAt = Instant.now();
                log.warn("the LISTEN connection for appended events failed; polling only until it is back (in {})",
                        settings.reconnectDelay(), e);
            } finally {
                listeningSince = null;
                connection = null;
            }
            if (!rest()) {
                break;
            }
        }
    }

    private void receive(Connection listener) throws SQLException {
        PGConnection pg = listener.unwrap(PGConnection.class);
        int heartbeatMillis = (int) Math.max(1, settings.heartbeat().toMillis());
        while (running) {
            PGNotification[] received = pg.getNotifications(heartbeatMillis);
            if (received != null && received.length > 0) {
                notifications.addAndGet(received.length);
                wakeAll();
            } else if (!listener.isValid((int) Math.max(1, settings.heartbeat().toSeconds()))) {
                throw new SQLException("the LISTEN connection stopped answering");
            }
        }
    }

    private void wakeAll() {
        for (WakesOnAppend reader : woken) {
            try {
                reader.eventsAppended();
            } catch (RuntimeException e) {
                log.warn("waking {} failed; it reads at its next poll", reader, e);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.determineUsername());
        properties.setProperty("password", database.determinePassword());
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        // a TCP keep-alive besides the heartbeat, so that a vanished server is noticed by the operating system too
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.determineUrl(), properties);
    }

    /** Waits before reconnecting; false when stopped meanwhile. */
    private boolean rest() {
        try {
            Thread.sleep(settings.reconnectDelay().toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the LISTEN connection", e);
            }
        }
    }

    @Override
    public String toString() {
        return "EventPush" + (listening() ? " (listening)" : "");
    }
}
