package org.planledger.query.plan;

import org.planledger.query.support.ProjectionGenerations;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.stereotype.Component;

/**
 * Whether the current plan (the {@code plan} read model: plan_view, activity_view and the tables beside them) can be
 * read. It is rebuilt in place: a reset empties its tables and the replay fills them again, so until the replay has
 * caught up a plan would come out with activities, participants or counts missing, or not at all. Every query that
 * reads these tables asks first and answers 503 {@code READ_MODEL_REBUILDING} with {@code Retry-After} meanwhile;
 * the history (asOf, validAt), the audit trail and verify keep answering from their own read models.
 */
@Component
public class CurrentPlanModel {

    private final ProjectionGenerations generations;

    CurrentPlanModel(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** Refuses (503) while a rebuild of the current plan is under way. */
    public void requireComplete() {
        if (generations.rebuilding(PlanProjection.PROCESSING_GROUP)) {
            throw new LedgerException(ErrorCode.READ_MODEL_REBUILDING, "plan", "read-model-complete",
                    "the current plan is being rebuilt from the event store and is incomplete until the replay has "
                            + "caught up; ask again in a few seconds, or ask for the plan as of now (asOf), which the "
                            + "history answers meanwhile unless it is being built too");
        }
    }
}
