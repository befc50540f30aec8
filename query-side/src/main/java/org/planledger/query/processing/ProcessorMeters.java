package org.planledger.query.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.planledger.query.processing.ProcessorPositions.Processor;
import org.planledger.query.processing.ProcessorPositions.Segment;
import org.springframework.stereotype.Component;

/**
 * Each read model's processor as gauges (README, "Metrics"), read from the token store at every scrape, so they hold
 * for segments any instance has claimed: its lag in stored events and in seconds (the oldest event it has not handled),
 * its position, whether it is replaying, and whether it runs here. Axon's own meters (axon-micrometer) count the
 * events each processor handles; their rate while {@code planledger_processor_replaying} is 1 is the replay rate.
 */
@Component
class ProcessorMeters implements MeterBinder {

    private final ProcessorPositions positions;

    ProcessorMeters(ProcessorPositions positions) {
        this.positions = positions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Processor processor : positions.processors()) {
            String name = processor.name();
            gauge(registry, "planledger.processor.lag.events", name, "stored events the processor has not handled",
                    p -> p.segments().stream().mapToLong(s -> positions.lag(s).events()).sum());
            gauge(registry, "planledger.processor.lag.seconds", name,
                    "how long the oldest event the processor has not handled has been stored",
                    p -> p.segments().stream().mapToDouble(s -> positions.lag(s).seconds()).max().orElse(0));
            gauge(registry, "planledger.processor.position", name, "the lowest position of its segments",
                    p -> p.segments().stream().mapToLong(s -> s.position() == null ? 0 : s.position()).min().orElse(0));
            gauge(registry, "planledger.processor.replaying", name, "1 while a segment replays after a reset",
                    p -> p.segments().stream().anyMatch(Segment::replaying) ? 1 : 0);
            gauge(registry, "planledger.processor.running", name, "1 while the processor runs on this instance",
                    p -> p.running() ? 1 : 0);
        }
    }

    private void gauge(MeterRegistry registry, String meter, String processor, String description,
            ToDoubleFunction<Processor> value) {
        Gauge.builder(meter, positions, p -> p.processors().stream().filter(q -> q.name().equals(processor))
                        .findFirst().map(value::applyAsDouble).orElse(Double.NaN))
                .tag("processor", processor).description(description).strongReference(true).register(registry);
    }
}
