package org.planledger.query.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.ledger.LedgerHash;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence for inspectors: the ledger's digest, and the recomputation of its hash chain. */
@RestController
@Tag(name = "Ledger", description = "Tamper evidence: a hash chain over every stored event (docs/LEDGER-HASH.md)")
public class LedgerQueries {

    private final LedgerDigests digests;
    private final LedgerVerifier verifier;
    private final ReadModelVerifier readModels;
    private final MeterRegistry meters;
    /**
     * Where the read models and the workload's counts are checked while the chain is recomputed; chain walks take
     * turns (LedgerVerifier), and a further request's checks queue here.
     */
    private final ExecutorService readModelChecks = Executors.newFixedThreadPool(2,
            new CustomizableThreadFactory("ledger-read-models-"));

    LedgerQueries(LedgerDigests digests, LedgerVerifier verifier, ReadModelVerifier readModels, MeterRegistry meters) {
        this.digests = digests;
        this.verifier = verifier;
        this.readModels = readModels;
        this.meters = meters;
    }

    @PreDestroy
    void stop() {
        readModelChecks.shutdownNow();
    }

    @GetMapping("/api/ledger/digest")
    @Operation(summary = "The chain head over every sealed event, {position, digest, at}; the ledger keeps it, so "
            + "keep it too and later ask whether the ledger still extends it")
    public Digest digest() {
        return digests.publish();
    }

    @GetMapping("/api/ledger/verify")
    @Operation(summary = "Recompute the hash chain from the stored events: confirm it or name the first event that "
            + "does not match (position, aggregate, sequence, and whether it was altered, is missing, was inserted or "
            + "reordered). With digest and position: also whether the ledger still extends that digest. Then, up to "
            + "the sealed position, whether every read model accounted for every event (readModels): every processor "
            + "at or past it, one audit entry per event, the point-in-time model at asOf = now equal to the current "
            + "plan; the first lack is named. verified: the chain and the read models both")
    public Verification verify(
            @Parameter(description = "a digest handed out earlier (64 hexadecimal characters)")
            @RequestParam(required = false) String digest,
            @Parameter(description = "the position that digest was handed out for")
            @RequestParam(required = false) Long position) {
        long started = System.nanoTime();
        LedgerVerifier.Claim claim = claim(digest, position);
        // one sealed position for every part, checked side by side: the chain recomputed by this thread, the read
        // models up to the position (PostgreSQL's set differences and checksums) and the workload's counts meanwhile
        // on the two others (neither waits for anything of that pool, so concurrent requests only queue)
        long sealed = verifier.sealedPosition();
        CompletableFuture<ReadModels> models = CompletableFuture.supplyAsync(() -> readModels.verify(sealed),
                readModelChecks);
        CompletableFuture<ReadModels.WorkloadCheck> workload = CompletableFuture.supplyAsync(readModels::workload,
                readModelChecks);
        Verification chain;
        try {
            chain = verifier.verify(claim, sealed);
        } catch (RuntimeException e) {
            models.cancel(false);
            workload.cancel(false);
            throw e;
        }
        Verification verified = chain.with(joined(models).withWorkload(joined(workload)),
                (System.nanoTime() - started) / 1_000_000);
        Timer.builder("planledger.verify").description("GET /api/ledger/verify: the chain and the read models")
                .tag("verified", String.valueOf(verified.verified())).register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return verified;
    }

    private static <T> T joined(CompletableFuture<T> check) {
        try {
            return check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static LedgerVerifier.Claim claim(String digest, Long position) {
        if (digest == null && position == null) {
            return null;
        }
        if (digest == null || position == null) {
            String missing = digest == null ? "digest" : "position";
            throw new LedgerException(ErrorCode.INVALID_FIELD, missing, "digest-with-position",
                    "digest and position go together: " + missing + " is missing");
        }
        if (position < 0) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "position", "non-negative", "position cannot be negative");
        }
        try {
            return new LedgerVerifier.Claim(position, LedgerHash.fromHex(digest));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(ErrorCode.INVALID_FIELD, "digest", "sha256-hex",
                    "digest must be 64 hexadecimal characters");
        }
    }
}
