package org.planledger.command.plan;

import static org.planledger.security.contract.TextRules.MULTI_LINE;
import static org.planledger.security.contract.TextRules.NO_CONTROL;
import static org.planledger.security.contract.TextRules.NO_CONTROL_BUT_LF;
import static org.planledger.security.contract.TextRules.SINGLE_LINE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.planledger.command.support.Agencies;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.DocumentRef;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amendment decisions: one decision of the People's Committee (number, date, in force from, summary) and the
 * changes it makes to the plan, recorded all or nothing ({@link AmendmentDecisions}). The answer and {@code If-Match}
 * carry the plan's version.
 */
@RestController
@RequestMapping(path = "/api/plans/{planId}/amendments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Amendments", description = "Amend a plan by a decision: many changes, all or nothing")
class AmendmentController {

    static final String KINDS = "add|cancel|amend|reassign|reschedule";

    private final AmendmentRecording recording;
    private final Agencies agencies;

    AmendmentController(AmendmentRecording recording, Agencies agencies) {
        this.recording = recording;
        this.agencies = agencies;
    }

    @PostMapping
    @Operation(summary = "Record an amendment decision and all its changes (add activity, cancel, amend, reassign, "
            + "reschedule), checked first and recorded all or nothing; a refusal names the change (changes[3].newDue)")
    ResponseEntity<AmendmentRecording.DecisionRecorded> record(@PathVariable String planId,
            @Parameter(description = "the plan version the decision is based on") @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody DecisionRequest body) {
        DocumentRef decision = new DocumentRef(body.decision().number(), body.decision().date());
        List<AmendmentChange> changes = new ArrayList<>();
        for (int i = 0; i < body.changes().size(); i++) {
            changes.add(body.changes().get(i).toChange("changes[" + i + "].", agencies));
        }
        AmendmentRecording.DecisionRecorded recorded = recording.record(planId, ifMatch, decision, body.effectiveOn(),
                body.summary(), changes);
        return ResponseEntity.ok().eTag(String.valueOf(recorded.version())).body(recorded);
    }

    record Decision(@NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String number,
            @NotNull LocalDate date) {
    }

    record DecisionRequest(@NotNull @Valid Decision decision, LocalDate effectiveOn,
            @NotBlank @Size(max = 4000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String summary,
            @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid ChangeRequest> changes) {
    }

    record ChangeRequest(
            @Schema(allowableValues = {"add", "cancel", "amend", "reassign", "reschedule"})
            @NotBlank @Pattern(regexp = KINDS, message = "one of " + KINDS) String kind,
            @NotBlank @Size(max = 20) @Pattern(regexp = PlanController.CODE, message = "a printed code such as III.2") String code,
            @Size(max = 8) @Pattern(regexp = "[IVXLC]{1,8}", message = "a roman numeral") String section,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String title,
            @Size(max = 50) List<@NotBlank @Size(max = 1000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String> products,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String timeline,
            @Size(max = 20) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String milestoneId,
            LocalDate newDue,
            @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String lead,
            @Size(max = 20) List<@NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String> jointLeads,
            @Size(max = 100) List<@NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String> coordinators,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason) {

        AmendmentChange toChange(String at, Agencies agencies) {
            AgencyRef leadRef = lead == null ? null : agencies.resolve(at + "lead", lead);
            return new AmendmentChange(AmendmentChange.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), code, section, title,
                    products, timeline, milestoneId, newDue, leadRef,
                    jointLeads == null ? null : agencies.resolveAll(at + "jointLeads", jointLeads),
                    coordinators == null ? null : agencies.resolveAll(at + "coordinators", coordinators), reason);
        }
    }
}
