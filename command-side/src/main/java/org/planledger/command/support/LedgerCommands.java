package org.planledger.command.support;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.planledger.security.contract.RequestIds;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.LedgerMetaData;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends a command with the metadata every event must carry: the authenticated actor (never a name the client
 * typed), the effective date, reason, legal basis and the request id. Axon copies the metadata onto the events the
 * command causes (see {@link AxonConfiguration#ledgerMetaDataProvider()}).
 */
@Component
public class LedgerCommands {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** An Idempotency-Key: 1 to 200 printable ASCII characters (spaces allowed inside). */
    static final java.util.regex.Pattern IDEMPOTENCY_KEY_FORM = java.util.regex.Pattern.compile("[\\x20-\\x7E]{1,200}");

    private final CommandGateway gateway;
    private final Clock clock;
    private final CommandReceipts receipts;

    LedgerCommands(CommandGateway gateway, Clock clock, CommandReceipts receipts) {
        this.gateway = gateway;
        this.clock = clock;
        this.receipts = receipts;
    }

    /** Today in the ledger's time zone: the day a command is received. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Actor actor() {
        return Actor.of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** Sends on behalf of the authenticated user of the current request. */
    public <R> R send(Object command, Change change) {
        return sendAs(actor(), command, change);
    }

    /** Sends with further metadata every event of the command carries (such as the decision it belongs to). */
    public <R> R send(Object command, Change change, Map<String, String> extra) {
        return sendAs(actor(), command, change, extra);
    }

    /** Sends on behalf of the given actor: for work the ledger does itself, such as loading a plan at start-up. */
    public <R> R sendAs(Actor actor, Object command, Change change) {
        return sendAs(actor, command, change, Map.of());
    }

    /**
     * Sends the command {@code prepare} builds. With an {@code Idempotency-Key}, the request is known by
     * {@code request} (what the client sent) instead of by the command, and {@code prepare} runs only the first time: a
     * retry gets the answer stored then. This is for a command built by reading the ledger (changes found by comparing
     * a file with the activities), which a retry would build differently once the first one is recorded.
     */
    public <R> R sendPrepared(Object request, Supplier<Prepared<R>> prepare) {
        return dispatch(actor(), request, prepare);
    }

    private <R> R sendAs(Actor actor, Object command, Change change, Map<String, String> extra) {
        return dispatch(actor, command, () -> new Prepared<R>(command, change, extra, result -> {
            @SuppressWarnings("unchecked")
            R answer = (R) result;
            return answer;
        }));
    }

    private <R> R dispatch(Actor actor, Object fingerprinted, Supplier<Prepared<R>> prepare) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = request == null ? null : header(request, IDEMPOTENCY_KEY);
        if (key == null) {
            return run(actor, request, prepare.get());
        }
        if (!IDEMPOTENCY_KEY_FORM.matcher(key).matches() || key.isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, IDEMPOTENCY_KEY, "1-200-printable-ascii",
                    "Idempotency-Key must have 1 to 200 printable ASCII characters");
        }
        CommandReceipts.Outcome outcome = receipts.once(actor.user(), key, fingerprinted,
                () -> run(actor, request, prepare.get()));
        if (outcome.replayed() && request instanceof ServletRequestAttributes servlet && servlet.getResponse() != null) {
            servlet.getResponse().setHeader("Idempotent-Replayed", "true");
        }
        @SuppressWarnings("unchecked")
        R result = (R) outcome.result();
        return result;
    }

    private <R> R run(Actor actor, RequestAttributes request, Prepared<R> prepared) {
        Change change = prepared.change();
        Map<String, String> meta = new HashMap<>(prepared.extra());
        meta.put(LedgerMetaData.ACTOR_USER, actor.user());
        meta.put(LedgerMetaData.ACTOR_AGENCY, actor.agency());
        meta.put(LedgerMetaData.ACTOR_ROLE, actor.role());
        meta.put(LedgerMetaData.EFFECTIVE_ON, (change.effectiveOn() == null ? today() : change.effectiveOn()).toString());
        if (change.reason() != null) {
            meta.put(LedgerMetaData.REASON, change.reason());
        }
        if (change.basis() != null && change.basis().isPresent()) {
            meta.put(LedgerMetaData.BASIS_NUMBER, change.basis().number());
            if (change.basis().date() != null) {
                meta.put(LedgerMetaData.BASIS_DATE, change.basis().date().toString());
            }
        }
        Object requestId = request == null ? null : request.getAttribute(RequestIds.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (requestId != null) {
            meta.put(LedgerMetaData.REQUEST_ID, requestId.toString());
        }
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(prepared.command())
                .andMetaData(MetaData.from(meta));
        return prepared.answer().apply(gateway.sendAndWait(message));
    }

    /** A command ready to send: why and from when, further metadata, and how its result becomes the answer. */
    public record Prepared<R>(Object command, Change change, Map<String, String> extra, Function<Object, R> answer) {
    }

    private static String header(RequestAttributes request, String name) {
        return request instanceof ServletRequestAttributes servlet ? servlet.getRequest().getHeader(name) : null;
    }

    /** Why and from when a change applies; all optional. */
    public record Change(LocalDate effectiveOn, String reason, DocumentRef basis) {

        public static final Change NONE = new Change(null, null, null);
    }
}
