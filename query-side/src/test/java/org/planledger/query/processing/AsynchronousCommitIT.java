package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every read model's batch commits asynchronously, and nothing else does: each streaming processor of the query side
 * runs {@link AsynchronousCommit} before its handlers, and inside a processor's transaction (Axon's transaction
 * manager, a real PostgreSQL connection) it turns {@code synchronous_commit} off and lets the batch's statements keep
 * their generic plans ({@code plan_cache_mode = auto}) for that transaction only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class AsynchronousCommitIT {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionManager transactions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyReadModelsProcessorCommitsItsBatchesAsynchronously() {
        for (String processor : List.of("plan", "plan_history", "audit_entry")) {
            assertThat(processing.eventProcessor(processor).orElseThrow().getHandlerInterceptors())
                    .as("handler interceptors of %s", processor).hasAtLeastOneElementOfType(AsynchronousCommit.class);
        }
    }

    @Test
    void theBatchsTransactionAloneCommitsWithoutWaitingForTheDisk() throws Exception {
        String outside = setting();
        assertThat(outside).isEqualTo("on force_custom_plan");
        List<String> seen = new ArrayList<>();
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("e"));
        unitOfWork.attachTransaction(transactions);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork,
                List.of(new AsynchronousCommit(jdbc), new AsynchronousCommit(jdbc)),
                message -> seen.add(setting())).proceed());
        assertThat(seen).containsExactly("off auto");
        assertThat(setting()).as("after the batch's commit").isEqualTo("on force_custom_plan");
    }

    private String setting() {
        return jdbc.queryForObject("select current_setting('synchronous_commit') || ' ' || current_setting('plan_cache_mode')",
                String.class);
    }
}
