package org.planledger.query.support;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.planledger.shared.api.LedgerEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Every event processor of the query side refuses a payload outside the ledger's sealed event hierarchy: its
 * projections fold {@link LedgerEvent}s only, so such an event would otherwise be passed over without a word. The
 * refusal stops the processor at that event, where health shows it.
 */
@Configuration(proxyBeanMethods = false)
class LedgerEventsOnly {

    @Autowired
    void refuseOtherPayloads(EventProcessingConfigurer processing) {
        MessageHandlerInterceptor<EventMessage<?>> ledgerEventsOnly = (unitOfWork, chain) -> {
            EventMessage<?> message = unitOfWork.getMessage();
            if (!(message.getPayload() instanceof LedgerEvent)) {
                throw new IllegalStateException("not a ledger event: " + message.getPayloadType().getSimpleName()
                        + " (" + message.getIdentifier() + ")");
            }
            return chain.proceed();
        };
        processing.registerDefaultHandlerInterceptor((configuration, processorName) -> ledgerEventsOnly);
    }
}
