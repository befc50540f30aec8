package org.planledger.command.plan;

import static org.planledger.security.contract.TextRules.MULTI_LINE;
import static org.planledger.security.contract.TextRules.NO_CONTROL;
import static org.planledger.security.contract.TextRules.NO_CONTROL_BUT_LF;
import static org.planledger.security.contract.TextRules.SINGLE_LINE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.planledger.command.activity.ActivityController.ActivityVersion;
import org.planledger.command.support.LedgerCommands;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.RegisterActivity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/plans", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Plans", description = "Open plans and register their activities")
class PlanController {

    static final String PLAN_ID = "[a-z0-9][a-z0-9-]{1,63}";
    static final String CODE = "[IVXLC]{1,8}\\.[0-9]{1,3}[a-z]?";
    /** A date of a plan lies within this many years of the plan's year. */
    static final int PLAN_YEAR_SPAN = 10;

    private final LedgerCommands commands;

    PlanController(LedgerCommands commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Create a plan")
    ResponseEntity<PlanCreatedResponse> create(@Valid @RequestBody CreatePlanRequest body) {
        LocalDate decided = body.decision().date();
        if (decided != null && Math.abs(decided.getYear() - body.year()) > PLAN_YEAR_SPAN) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "decision.date", "within-plan-year-10",
                    "the decision's date must lie within " + PLAN_YEAR_SPAN + " years of the plan year " + body.year());
        }
        commands.send(new CreatePlan(body.planId(), body.title(), body.year(), body.decision().toRef()),
                new LedgerCommands.Change(body.decision().date(), "plan adopted", body.decision().toRef()));
        return ResponseEntity.created(URI.create("/api/plans/" + body.planId()))
                .body(new PlanCreatedResponse(body.planId(), 0));
    }

    @PostMapping("/{planId}/activities")
    @Operation(summary = "Register an activity; its milestones are read from the timeline text")
    ResponseEntity<ActivityVersion> register(@PathVariable String planId, @Valid @RequestBody RegisterActivityRequest body) {
        Plan.RegisteredActivity registered = commands.send(new RegisterActivity(planId, body.code(), body.section(),
                body.title(), body.products() == null ? List.of() : body.products(), body.timeline(),
                body.notes() == null ? "" : body.notes(), body.effectiveOn()),
                new LedgerCommands.Change(body.effectiveOn(), null, null));
        ActivityVersion version = new ActivityVersion(planId, body.code(), registered.activityId(), registered.version());
        return ResponseEntity.created(URI.create("/api/plans/" + planId + "/activities/" + body.code()))
                .eTag(String.valueOf(registered.version())).body(version);
    }

    record Decision(@NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String number,
            LocalDate date) {
        DocumentRef toRef() {
            return new DocumentRef(number, date);
        }
    }

    record CreatePlanRequest(
            @NotNull @Pattern(regexp = PLAN_ID, message = "lowercase letters, digits and '-', 2 to 64 characters") String planId,
            @NotBlank @Size(max = 1000) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String title,
            @Min(2000) @Max(2100) int year,
            @NotNull @Valid Decision decision) {
    }

    record RegisterActivityRequest(
            @NotNull @Pattern(regexp = CODE, message = "a printed code such as III.2") String code,
            @NotBlank @Pattern(regexp = "[IVXLC]{1,8}", message = "a roman numeral section such as III") String section,
            @NotBlank @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String title,
            @Size(max = 50) List<@NotBlank @Size(max = 1000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String> products,
            @NotBlank @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String timeline,
            @Size(max = 2000) @Pattern(regexp = MULTI_LINE, message = NO_CONTROL_BUT_LF) String notes,
            // the date from which the activity is in force; default: the plan's (its decision's date, else 1 January)
            LocalDate effectiveOn) {
    }

    record PlanCreatedResponse(String planId, long version) {
    }
}
