package org.planledger.command.notice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.planledger.command.activity.Activity;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.SendUrgingNotice;
import org.planledger.shared.api.SendUrgingNotice.NamedMilestone;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Records an urging notice on every activity it names, in the one unit of work of the command: each activity checks
 * its own part ({@link Activity#urge}), and one refusal records nothing at all, since the events of every activity
 * are appended in the same transaction.
 */
@Component
class UrgingNotices {

    private final Supplier<Repository<Activity>> repository;

    @Autowired
    UrgingNotices(Configuration axon) {
        this(() -> axon.repository(Activity.class));
    }

    UrgingNotices(Supplier<Repository<Activity>> repository) {
        this.repository = repository;
    }

    /** Answers each activity's new version, by code, in the order the notice names them. */
    @CommandHandler
    Map<String, Long> handle(SendUrgingNotice command) {
        if (command.sentOn().isAfter(command.recordedOn())) {
            throw LedgerException.rule("sentOn", "not-in-future", "sentOn " + command.sentOn()
                    + " is after the day the notice is recorded (" + command.recordedOn() + ")");
        }
        Set<String> seen = new HashSet<>();
        Map<String, List<NamedMilestone>> byActivity = new LinkedHashMap<>();
        for (NamedMilestone m : command.milestones()) {
            if (!seen.add(m.code() + " " + m.milestoneId())) {
                throw LedgerException.rule(m.field(), "no-duplicates",
                        "milestone " + m.milestoneId() + " of " + m.code() + " is named twice");
            }
            byActivity.computeIfAbsent(m.code(), k -> new ArrayList<>()).add(m);
        }
        Repository<Activity> activities = repository.get();
        Map<String, Long> versions = new LinkedHashMap<>();
        byActivity.forEach((code, named) -> {
            Aggregate<Activity> activity;
            try {
                activity = activities.load(ActivityId.of(command.planId(), code));
            } catch (AggregateNotFoundException e) {
                throw new LedgerException(ErrorCode.UNKNOWN_ACTIVITY, named.get(0).field() + ".code", "activity-exists",
                        "plan " + command.planId() + " has no activity " + code);
            }
            activity.execute(a -> a.urge(command.agency(), command.agencyGroups(), command.documentNumber(),
                    command.sentOn(), named));
            versions.put(code, activity.version());
        });
        return versions;
    }
}
