package org.planledger.shared.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;

/**
 * The stored name of every event type. Names are a frozen contract, independent of Java class and package names:
 * renaming a class changes nothing in the store; changing a payload needs a {@code @Revision} and an upcaster.
 */
public final class EventCatalogue {

    private static final Map<String, Class<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("PlanCreated", PlanCreated.class);
        register("ActivityAddedToPlan", ActivityAddedToPlan.class);
        register("ActivityRegistered", ActivityRegistered.class);
        register("MilestoneScheduled", MilestoneScheduled.class);
        register("ActivityAssigned", ActivityAssigned.class);
        register("DeadlineRescheduled", DeadlineRescheduled.class);
        register("MilestoneTriggered", MilestoneTriggered.class);
        register("ReportSubmitted", ReportSubmitted.class);
        register("MilestoneCompleted", MilestoneCompleted.class);
        register("ActivityCancelled", ActivityCancelled.class);
        register("ActivityAmended", ActivityAmended.class);
        register("MilestoneWithdrawn", MilestoneWithdrawn.class);
        register("AmendmentDecided", AmendmentDecided.class);
        register("ReportReviewed", ReportReviewed.class);
        register("AgencyUrged", AgencyUrged.class);
    }

    private EventCatalogue() {
    }

    private static void register(String name, Class<?> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    public static Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    public static Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every stored event name with its class, in the order events usually occur. */
    public static Map<String, Class<?>> all() {
        return Map.copyOf(BY_NAME);
    }

    public static java.util.List<String> names() {
        return java.util.List.copyOf(BY_NAME.keySet());
    }
}
