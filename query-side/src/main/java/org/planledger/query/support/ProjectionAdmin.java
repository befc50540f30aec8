package org.planledger.query.support;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilds a read model from the event store while the service runs: stop the processor, reset its tokens, start. */
@RestController
@Tag(name = "Administration")
class ProjectionAdmin {

    private final EventProcessingConfiguration processing;

    ProjectionAdmin(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @PostMapping("/api/admin/projections/{name}/reset")
    @Operation(summary = "Replay every event into a read model (plan admins)")
    ResponseEntity<Void> reset(@Parameter(description = "the read model's processing group",
            schema = @Schema(allowableValues = {"plan", "plan_history", "audit_entry"})) @PathVariable String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new LedgerException(ErrorCode.INVALID_FIELD, "name", "processor-exists",
                        "no event processor " + name));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().build();
    }
}
