package org.planledger.query.processing;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's meters for each event processor: the set and the names axon-micrometer gives them with dimensional tags
 * ({@code eventProcessor_*}, tagged {@code processorName} and {@code payloadType}), except that the capacity gauge
 * averages over {@link #CAPACITY_WINDOW} instead of ten minutes.
 * <p>
 * Why: Axon's {@code CapacityMonitor} keeps the handling time of every message for its whole window (an entry of a
 * {@code ConcurrentSkipListMap}, two boxed longs, about 80 bytes), so its memory grows with the events handled in
 * the last ten minutes: a catch-up or replay at a few thousand events/s per read model holds millions of entries.
 * After 400,000 events had been appended and caught up, three processors' reservoirs held 1.5 million entries, the
 * largest part of a 384 MB heap. Fifteen seconds bound them to what a few seconds of replay handle. Registered for
 * the type {@link EventProcessor}, which Axon prefers over the catch-all registration of axon-micrometer.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorMonitors {

    /** How long the capacity gauge ({@code eventProcessor_capacity}) averages: one Prometheus scrape interval. */
    static final Duration CAPACITY_WINDOW = Duration.ofSeconds(15);
    private static final String PREFIX = "eventProcessor";

    @Bean
    ConfigurerModule eventProcessorMonitors(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, componentType, processor) -> monitor(registry, processor, Clock.SYSTEM));
    }

    @SuppressWarnings("unchecked") // Axon's factory hands out monitors of Message<?>; an event processor's get events
    static MessageMonitor<Message<?>> monitor(MeterRegistry registry, String processor, Clock clock) {
        Function<Message<?>, Iterable<Tag>> tags = message -> Tags.of(
                TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                TagsUtil.PROCESSOR_NAME_TAG, processor);
        Function<Message<?>, Iterable<Tag>> processorOnly = message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, processor);
        List<MessageMonitor<? super EventMessage<?>>> monitors = List.of(
                MessageTimerMonitor.buildMonitor(PREFIX, registry, tags),
                EventProcessorLatencyMonitor.builder().meterNamePrefix(PREFIX).meterRegistry(registry)
                        .tagsBuilder(processorOnly).build(),
                CapacityMonitor.buildMonitor(PREFIX, registry, CAPACITY_WINDOW.toMillis(), TimeUnit.MILLISECONDS, clock,
                        tags),
                MessageCountingMonitor.buildMonitor(PREFIX, registry, tags));
        return (MessageMonitor<Message<?>>) (MessageMonitor<?>) new MultiMessageMonitor<>(monitors);
    }
}
