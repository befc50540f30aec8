package org.planledger.command.activity;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An activity gets a snapshot ({@code snapshot_event_entry}) once {@code planledger.activity-snapshot-every} events
 * have been read to load it, so that its 1,000th command loads as fast as its 10th: the snapshot and at most that
 * many events. Snapshots are written after the command's transaction, by Axon's snapshotter.
 */
@Configuration(proxyBeanMethods = false)
class ActivitySnapshots {

    static final String TRIGGER = "activitySnapshotTrigger";

    @Bean(TRIGGER)
    SnapshotTriggerDefinition activitySnapshotTrigger(Snapshotter snapshotter,
            @Value("${planledger.activity-snapshot-every:50}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }
}
