package org.planledger.query.processing;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planledger.query.support.BatchWriteException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * No event is ever skipped. Axon's default for a handler that throws is to log and pass over the event (and, with a
 * batch above one, the aborted transaction loses the batch's other events too). Here, for every processing group
 * present and future, the error propagates: the batch's transaction rolls back, the token stays before it, and the
 * tracking processor releases its claim and retries that batch with back-off (1 s doubling to 60 s: Axon's, not
 * configurable) until it passes. Only that processor waits; the others go on. {@link ProcessorFailures} says which
 * event it waits on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PushSettings.class)
class ProcessingConfiguration {

    /**
     * Every read model's batch commits asynchronously ({@link AsynchronousCommit}) unless
     * {@code planledger.read-model-commit} is {@code synchronous}.
     */
    @Bean
    ConfigurerModule readModelCommit(JdbcTemplate jdbc,
            @Value("${planledger.read-model-commit:asynchronous}") String commit) {
        boolean asynchronous = switch (commit.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "asynchronous" -> true;
            case "synchronous" -> false;
            default -> throw new IllegalArgumentException("planledger.read-model-commit (PLANLEDGER_READ_MODEL_COMMIT) "
                    + "is asynchronous or synchronous, not '" + commit + "'");
        };
        return configurer -> configurer.eventProcessing(processing -> {
            if (asynchronous) {
                processing.registerDefaultHandlerInterceptor((c, processor) -> new AsynchronousCommit(jdbc));
            }
        });
    }

    @Bean
    ConfigurerModule propagatingErrors(ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> context -> {
                    recordRefusedWrite(context, failures);
                    PropagatingErrorHandler.instance().handleError(context);
                })
                .registerDefaultHandlerInterceptor((c, processor) -> new FailureRecorder(processor, failures)));
    }

    /**
     * A read model writes a batch's rows when the batch commits, after every handler ran; when the database refuses
     * them, the write names the event whose rows it refused, and that event is recorded as the one the processor is
     * stuck on.
     */
    static void recordRefusedWrite(ErrorContext context, ProcessorFailures failures) {
        for (Throwable e = context.error(); e != null; e = e.getCause()) {
            if (e instanceof BatchWriteException refused) {
                context.failedEvents().stream()
                        .filter(event -> event.getIdentifier().equals(refused.eventIdentifier())).findFirst()
                        .ifPresent(event -> failures.failed(context.eventProcessor(), 0, event, refused.getCause()));
                return;
            }
        }
    }

    /** Sees each event a processor handles: records a failure, and clears it once an event at or past it commits. */
    record FailureRecorder(String processor, ProcessorFailures failures)
            implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                InterceptorChain interceptorChain) throws Exception {
            EventMessage<?> event = unitOfWork.getMessage();
            Object segmentId = unitOfWork.resources().get("Processor[" + processor + "]/SegmentId");
            int segment = segmentId instanceof Integer id ? id : 0;
            try {
                Object result = interceptorChain.proceed();
                unitOfWork.afterCommit(u -> failures.passed(processor, segment, event));
                return result;
            } catch (Exception | Error e) {
                failures.failed(processor, segment, event, e);
                throw e;
            }
        }
    }
}
