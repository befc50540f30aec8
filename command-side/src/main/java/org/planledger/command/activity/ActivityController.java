package org.planledger.command.activity;

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
import java.util.List;
import org.planledger.command.plan.PlanYears;
import org.planledger.command.support.Actor;
import org.planledger.command.support.Agencies;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.command.support.LedgerCommands;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.access.Role;
import org.planledger.shared.api.ActingAgency;
import org.planledger.shared.api.ActivityId;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendActivity;
import org.planledger.shared.api.AssignActivity;
import org.planledger.shared.api.CancelActivity;
import org.planledger.shared.api.CompleteMilestone;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.RecordTrigger;
import org.planledger.shared.api.RescheduleDeadline;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.api.ReviewReport;
import org.planledger.shared.api.SubmitReport;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changes to one activity. Every answer carries the activity's new version in the body and the {@code ETag}; send it
 * back in {@code If-Match} to refuse the change when someone else changed the activity meanwhile (412).
 */
@RestController
@RequestMapping(path = "/api/plans/{planId}/activities/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Activities", description = "Assign, reschedule, report, review reports, complete, amend, cancel")
public class ActivityController {

    static final java.util.regex.Pattern STRONG_VERSION_TAG = java.util.regex.Pattern.compile("\"[0-9]{1,18}\"");

    private final LedgerCommands commands;
    private final Agencies agencies;
    private final PlanYears planYears;

    ActivityController(LedgerCommands commands, Agencies agencies, PlanYears planYears) {
        this.commands = commands;
        this.agencies = agencies;
        this.planYears = planYears;
    }

    @PostMapping("/assignment")
    @Operation(summary = "Assign the lead agency and the coordinating agencies (ids or any known name)")
    ResponseEntity<ActivityVersion> assign(@PathVariable String planId, @PathVariable String code,
            @Parameter(description = "the activity version the change is based on") @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody AssignmentRequest body) {
        AgencyRef lead = agencies.resolve("lead", body.lead());
        List<AgencyRef> jointLeads = agencies.resolveAll("jointLeads", body.jointLeads());
        List<AgencyRef> coordinators = agencies.resolveAll("coordinators", body.coordinators());
        DocumentRef basis = body.basis() == null ? null : body.basis().toRef();
        long version = commands.send(new AssignActivity(ActivityId.of(planId, code), expected(ifMatch), lead,
                jointLeads, coordinators, body.reason(), basis, body.effectiveOn()), new Change(body.effectiveOn(), body.reason(), basis));
        return answer(planId, code, version);
    }

    @PostMapping("/milestones/{milestoneId}/reschedule")
    @Operation(summary = "Move a milestone's due date")
    ResponseEntity<ActivityVersion> reschedule(@PathVariable String planId, @PathVariable String code,
            @PathVariable String milestoneId, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody RescheduleRequest body) {
        DocumentRef basis = body.basis() == null ? null : body.basis().toRef();
        LocalDate effectiveOn = body.effectiveOn() == null ? commands.today() : body.effectiveOn();
        long version = commands.send(new RescheduleDeadline(ActivityId.of(planId, code), expected(ifMatch),
                milestoneId, body.newDue(), body.reason(), basis, effectiveOn), new Change(effectiveOn, body.reason(), basis));
        return answer(planId, code, version);
    }

    @PostMapping("/reports")
    @Operation(summary = "Submit a report for a milestone or a reporting period; 'answers' names the returned report "
            + "it answers (same agency, same milestone or period)")
    ResponseEntity<ActivityVersion> report(@PathVariable String planId, @PathVariable String code,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @Valid @RequestBody ReportRequest body) {
        AgencyRef agency = agencies.resolve("agency", body.agency());
        requireOwnAgency(agency);
        long version = commands.send(new SubmitReport(ActivityId.of(planId, code), expected(ifMatch), agency,
                agencies.groupsOf(agency.id()), body.milestoneId(), body.period(), body.summary(), body.documentNumber(),
                body.sentOn(), commands.today(), actingAgency(), body.answers()), new Change(body.sentOn(), null, null));
        return answer(planId, code, version);
    }

    @PostMapping("/reports/{reportId}/review")
    @Operation(summary = "Accept a submitted report, or return it to its agency with a reason (plan keepers; once "
            + "per report)")
    ResponseEntity<ActivityVersion> review(@PathVariable String planId, @PathVariable String code,
            @PathVariable String reportId, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ReviewRequest body) {
        LocalDate today = commands.today();
        long version = commands.send(new ReviewReport(ActivityId.of(planId, code), expected(ifMatch), reportId,
                body.outcome(), body.reason(), today), new Change(today, body.reason(), null));
        return answer(planId, code, version);
    }

    @PostMapping("/milestones/{milestoneId}/completion")
    @Operation(summary = "Record that a milestone's product was delivered")
    ResponseEntity<ActivityVersion> complete(@PathVariable String planId, @PathVariable String code,
            @PathVariable String milestoneId, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody CompletionRequest body) {
        long version = commands.send(new CompleteMilestone(ActivityId.of(planId, code), expected(ifMatch), milestoneId,
                body.completedOn(), body.note(), commands.today(), actingAgency()),
                new Change(body.completedOn(), body.note(), null));
        return answer(planId, code, version);
    }

    @PostMapping("/milestones/{milestoneId}/trigger")
    @Operation(summary = "Record that the outside event a triggered milestone waits for happened; fixes its due date")
    ResponseEntity<ActivityVersion> trigger(@PathVariable String planId, @PathVariable String code,
            @PathVariable String milestoneId, @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody TriggerRequest body) {
        DocumentRef source = body.source() == null ? null : body.source().toRef();
        long version = commands.send(new RecordTrigger(ActivityId.of(planId, code), expected(ifMatch), milestoneId,
                body.occurredOn(), source, body.note()), new Change(body.occurredOn(), body.note(), source));
        return answer(planId, code, version);
    }

    @PostMapping("/cancellation")
    @Operation(summary = "Cancel the activity")
    ResponseEntity<ActivityVersion> cancel(@PathVariable String planId, @PathVariable String code,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @Valid @RequestBody CancellationRequest body) {
        DocumentRef basis = body.basis() == null ? null : body.basis().toRef();
        LocalDate effectiveOn = body.effectiveOn() == null ? commands.today() : body.effectiveOn();
        long version = commands.send(new CancelActivity(ActivityId.of(planId, code), expected(ifMatch), body.reason(),
                basis, effectiveOn), new Change(effectiveOn, body.reason(), basis));
        return answer(planId, code, version);
    }

    @PostMapping("/amendment")
    @Operation(summary = "Amend the printed title, products or timeline text (a field left out stays as it is); "
            + "milestones are read again from the timeline: those it still names keep their id and history, new ones "
            + "are scheduled, those it no longer names are withdrawn")
    ResponseEntity<ActivityVersion> amend(@PathVariable String planId, @PathVariable String code,
            @RequestHeader(value = "If-Match", required = false) String ifMatch, @Valid @RequestBody AmendmentRequest body) {
        DocumentRef basis = body.basis() == null ? null : body.basis().toRef();
        LocalDate effectiveOn = body.effectiveOn() == null ? commands.today() : body.effectiveOn();
        long version = commands.send(new AmendActivity(ActivityId.of(planId, code), expected(ifMatch), body.title(),
                body.products(), body.timeline(), body.reason(), basis, effectiveOn, planYears.of(planId)),
                new Change(effectiveOn, body.reason(), basis));
        return answer(planId, code, version);
    }

    /** An agency officer's agency and its groups, which the activity checks against its lead and coordinators. */
    private ActingAgency actingAgency() {
        Actor actor = commands.actor();
        if (!Role.AGENCY_OFFICER.name().equals(actor.role())) {
            return null;
        }
        return new ActingAgency(actor.agency(), agencies.groupsOf(actor.agency()));
    }

    /** An agency officer reports only in the name of their own agency. */
    private void requireOwnAgency(AgencyRef agency) {
        Actor actor = commands.actor();
        if (Role.AGENCY_OFFICER.name().equals(actor.role()) && !agency.id().equals(actor.agency())) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "agency", "own-agency",
                    actor.user() + " acts for " + actor.agency() + " and cannot report for " + agency.id());
        }
    }

    /**
     * Reads {@code If-Match}: a strong entity tag holding the version, {@code "7"}, or {@code *}; absent means "whatever
     * the current version". A weak tag ({@code W/"7"}) or a bare number is refused: a version compares strongly.
     */
    public static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.equals("*")) {
            return null;
        }
        if (!STRONG_VERSION_TAG.matcher(ifMatch).matches()) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "If-Match", "strong-etag",
                    "If-Match must be the activity's ETag, a quoted version such as \"3\", not " + ProblemDetails.clip(ifMatch));
        }
        return Long.parseLong(ifMatch.substring(1, ifMatch.length() - 1));
    }

    private static ResponseEntity<ActivityVersion> answer(String planId, String code, long version) {
        return ResponseEntity.ok().eTag(String.valueOf(version))
                .body(new ActivityVersion(planId, code, ActivityId.of(planId, code), version));
    }

    /** The answer to every activity command: which activity, at which version now. */
    public record ActivityVersion(String planId, String code, String activityId, long version) {
    }

    /** A legal document: its number as printed and its date. */
    public record Basis(
            @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String number,
            LocalDate date) {
        DocumentRef toRef() {
            return new DocumentRef(number, date);
        }
    }

    record AssignmentRequest(
            @NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String lead,
            @Size(max = 20) List<@NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String> jointLeads,
            @Size(max = 100) List<@NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String> coordinators,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason,
            @Valid Basis basis, LocalDate effectiveOn) {
    }

    record RescheduleRequest(@NotNull LocalDate newDue,
            @NotBlank @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason,
            @Valid Basis basis, LocalDate effectiveOn) {
    }

    record ReportRequest(
            @NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String agency,
            @Size(max = 20) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String milestoneId,
            @Size(max = 100) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String period,
            @NotBlank @Size(max = 4000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String summary,
            @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String documentNumber,
            @NotNull LocalDate sentOn,
            @Schema(description = "the id of the returned report this one answers, e.g. r1")
            @Size(max = 32) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String answers) {
    }

    record ReviewRequest(
            @Schema(description = "ACCEPTED, or RETURNED to send the report back to its agency") @NotNull ReviewOutcome outcome,
            @Schema(description = "why the report goes back; required when RETURNED")
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason) {
    }

    record CompletionRequest(@NotNull LocalDate completedOn,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String note) {
    }

    record TriggerRequest(@NotNull LocalDate occurredOn, @NotNull @Valid Basis source,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String note) {
    }

    record AmendmentRequest(
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String title,
            @Size(max = 50) List<@NotBlank @Size(max = 1000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String> products,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String timeline,
            @NotBlank @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason,
            @Valid Basis basis, LocalDate effectiveOn) {
    }

    record CancellationRequest(
            @NotBlank @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String reason,
            @Valid Basis basis, LocalDate effectiveOn) {
    }
}
