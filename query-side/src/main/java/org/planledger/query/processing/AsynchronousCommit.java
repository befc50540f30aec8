package org.planledger.query.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model's batch commits without waiting for its write-ahead log to reach the disk: PostgreSQL's asynchronous
 * commit ({@code set local synchronous_commit = off}), for that transaction only, set once per batch before its first
 * event is handled.
 * <p>
 * Safe for a read model, and only because of how it commits: its rows and its processor's token are one transaction,
 * so a crash of PostgreSQL can lose the last batches committed (at most about three times {@code wal_writer_delay},
 * 0.6 s by default) only whole, never part of one, and the processor handles them again from the token that did
 * reach the disk. Nothing else is written this way: the command side appends events with synchronous commit, and
 * the ledger's sealer, the digests and every administrative change keep it. What it saves is the wait for the disk
 * on every batch (milliseconds on this kind of machine, more while several processors commit at once), the larger
 * part of the time from a command's answer to its row on a quiet system.
 * <p>
 * The same statement plans the batch's statements once ({@code set local plan_cache_mode = auto}): the query side's
 * connections plan every statement for its parameters ({@code force_custom_plan}, application.yml) for the sake of
 * the history's and the console's queries, but a batch's writes are the same few statements on every batch, mostly
 * multi-row inserts whose planning, done again on every execution, cost as much as running them (a 128-row insert of
 * 23 columns: 4–8 ms planned each time, under 3 ms on its generic plan).
 */
record AsynchronousCommit(JdbcTemplate jdbc) implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String SET = AsynchronousCommit.class.getName() + ".set";

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        unitOfWork.root().getOrComputeResource(SET, key -> {
            jdbc.execute("set local synchronous_commit = off; set local plan_cache_mode = auto");
            return Boolean.TRUE;
        });
        return interceptorChain.proceed();
    }
}
