package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

/**
 * An event processor's meters under Axon's names and tags, and a capacity gauge that forgets a handled event once
 * {@link ProcessorMonitors#CAPACITY_WINDOW} has passed (Axon's default keeps it, and every other, for ten minutes).
 */
class ProcessorMonitorsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    @Test
    void theCapacityGaugeAveragesOverItsWindowOnlyAndTheOtherMetersKeepAxonsNames() {
        MessageMonitor<Message<?>> monitor = ProcessorMonitors.monitor(registry, "plan", clock);
        Message<?> event = GenericEventMessage.asEventMessage("an event");

        MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(event);
        clock.add(Duration.ofSeconds(3));
        callback.reportSuccess();

        assertThat(capacity()).as("busy 3 s of a 15 s window").isCloseTo(0.2, offset(0.01));
        assertThat(registry.get("eventProcessor.successCounter").tag("processorName", "plan")
                .tag("payloadType", "String").counter().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.successTimer").tag("processorName", "plan").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("eventProcessor.latency").tag("processorName", "plan").gauge()).isNotNull();

        clock.add(ProcessorMonitors.CAPACITY_WINDOW.plusSeconds(1));
        assertThat(capacity()).as("the window has passed").isZero();
    }

    private double capacity() {
        return registry.get("eventProcessor.capacity").tag("processorName", "plan").tag("payloadType", "String")
                .gauge().value();
    }
}
