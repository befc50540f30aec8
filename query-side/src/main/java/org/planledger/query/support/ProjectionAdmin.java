package org.planledger.query.support;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a read model from the event store while the service runs: stop the processor, reset its tokens, start. With
 * several query sides the instance holding the processor's claim carries it out ({@link ReadModelResets}).
 */
@RestController
@Tag(name = "Administration")
class ProjectionAdmin {

    private final ReadModelResets resets;

    ProjectionAdmin(ReadModelResets resets) {
        this.resets = resets;
    }

    @PostMapping("/api/admin/projections/{name}/reset")
    @Operation(summary = "Replay every event into a read model (plan admins)", description = """
            Accepted once the processor's tokens are reset (the replay then runs in the background). For \
            plan_history and audit_entry, queries keep reading the previous generation until it has caught up; the \
            current plan (plan) is rebuilt in place, and its reads answer 503 READ_MODEL_REBUILDING with \
            Retry-After until then (the plan as of now, asOf, is answered by the history). With several query sides \
            the instance holding the processor's claim carries it out; 409 READ_MODEL_BUSY when none did within \
            PLANLEDGER_RESET_HANDOVER (15 s), naming the instances and segments that hold the claims.""")
    ResponseEntity<Void> reset(@Parameter(description = "the read model's processing group",
            schema = @Schema(allowableValues = {"plan", "plan_history", "audit_entry"})) @PathVariable String name) {
        resets.reset(name);
        return ResponseEntity.accepted().build();
    }
}
