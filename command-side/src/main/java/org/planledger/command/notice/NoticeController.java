package org.planledger.command.notice;

import static org.planledger.security.contract.TextRules.NO_CONTROL;
import static org.planledger.security.contract.TextRules.SINGLE_LINE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.planledger.command.support.Agencies;
import org.planledger.command.support.LedgerCommands;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.SendUrgingNotice;
import org.planledger.shared.api.SendUrgingNotice.NamedMilestone;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Urging notices (công văn đôn đốc) sent to an agency about milestones of its activities. */
@RestController
@Tag(name = "Urging notices", description = "Record a notice urging an agency about its milestones")
class NoticeController {

    private final LedgerCommands commands;
    private final Agencies agencies;

    NoticeController(LedgerCommands commands, Agencies agencies) {
        this.commands = commands;
        this.agencies = agencies;
    }

    @PostMapping(path = "/api/plans/{planId}/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record an urging notice sent to an agency, naming milestones of activities it leads or "
            + "coordinates; all of it or nothing (plan keepers)")
    NoticeRecorded send(@PathVariable String planId, @Valid @RequestBody NoticeRequest body) {
        AgencyRef agency = agencies.resolve("agency", body.agency());
        List<NamedMilestone> named = new ArrayList<>();
        for (int i = 0; i < body.milestones().size(); i++) {
            MilestoneRequest m = body.milestones().get(i);
            named.add(new NamedMilestone(m.code(), m.milestoneId(), "milestones[" + i + "]"));
        }
        Map<String, Long> versions = commands.send(new SendUrgingNotice(planId, agency, agencies.groupsOf(agency.id()),
                body.documentNumber(), body.sentOn(), named, commands.today()),
                new Change(body.sentOn(), null, new DocumentRef(body.documentNumber(), body.sentOn())));
        return new NoticeRecorded(planId, agency.id(), body.documentNumber(), body.sentOn(), versions);
    }

    /** What was recorded: the notice, and each activity it names with the activity's new version. */
    record NoticeRecorded(String planId, String agencyId, String documentNumber, LocalDate sentOn,
            @Schema(description = "activity code → its version after the notice") Map<String, Long> activities) {
    }

    record NoticeRequest(
            @Schema(description = "the agency urged: directory id or any known name")
            @NotBlank @Size(max = 300) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String agency,
            @Schema(description = "the notice's number, e.g. 125/SNV-CCHC")
            @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String documentNumber,
            @NotNull LocalDate sentOn,
            @NotEmpty @Size(max = 200) List<@NotNull @Valid MilestoneRequest> milestones) {
    }

    record MilestoneRequest(
            @Schema(description = "the activity's code in the plan, e.g. IV.8")
            @NotBlank @Size(max = 32) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String code,
            @NotBlank @Size(max = 20) @Pattern(regexp = SINGLE_LINE, message = NO_CONTROL) String milestoneId) {
    }
}
