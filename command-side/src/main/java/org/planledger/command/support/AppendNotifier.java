package org.planledger.command.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Push, not poll: after a unit of work that appended events has committed, tells the query side with a PostgreSQL
 * {@code NOTIFY} on {@link EventStoreSchema#APPENDED_CHANNEL}, so that its processors and sealer read at once instead
 * of at their next poll.
 * <p>
 * The notification is sent from its own thread and transaction, after the commit, never inside the appending
 * transaction: PostgreSQL serializes the commits of notifying transactions (one queue lock held through the commit's
 * WAL flush), which on this machine cut single-row commits at 16 clients to a fifth (bench/run measures it). Here
 * commands never wait for it, and commits that happen while one notification is queued share it: a notification
 * is queued at most once at a time, and the flag is cleared just before it is sent, so every commit is followed by a
 * notification sent after it. A notification that fails is logged; the query side's poll still brings the events.
 */
@Component
class AppendNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);

    private final DataSource dataSource;
    private final EventBus eventBus;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private volatile ExecutorService executor;
    private boolean registered;

    AppendNotifier(DataSource dataSource, EventBus eventBus) {
        this.dataSource = dataSource;
        this.eventBus = eventBus;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "append-notifier");
            thread.setDaemon(true);
            return thread;
        });
        if (!registered) {
            eventBus.registerDispatchInterceptor(new AfterCommit());
            registered = true;
        }
    }

    @Override
    public synchronized void stop() {
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Notifications sent so far. */
    long sent() {
        return sent.get();
    }

    /** Events were committed: queue one notification unless one is queued and not yet begun. */
    void committed() {
        ExecutorService running = executor;
        if (running == null || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            running.execute(this::send);
        } catch (RejectedExecutionException e) {
            queued.set(false);
        }
    }

    private void send() {
        queued.set(false);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.execute("select pg_notify('" + EventStoreSchema.APPENDED_CHANNEL + "', '')");
            sent.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            log.warn("could not notify the query side of appended events; it reads them at its next poll", e);
        }
    }

    /**
     * On each publication of events: notify once the database transaction that stores them has committed. That is the
     * Spring transaction's commit when one is open (it may span several commands' units of work, as in the benchmark's
     * generator), else the unit of work's.
     */
    private final class AfterCommit implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
            if (messages.isEmpty()) {
                return (index, message) -> message;
            }
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        committed();
                    }
                });
            } else {
                CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> committed()));
            }
            return (index, message) -> message;
        }
    }
}
