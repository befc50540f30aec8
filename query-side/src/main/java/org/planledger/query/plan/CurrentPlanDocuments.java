package org.planledger.query.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current plan as {@code GET /api/plans/{planId}} answers it, written as JSON once per state of the {@code plan}
 * read model instead of once per request (README, "Speed").
 * <p>
 * The state is the {@code plan} processor's tokens as the token store holds them, every segment's: Axon commits a
 * batch's rows and its token in one transaction, so the tokens and the rows read in one repeatable-read snapshot
 * belong together, and the same tokens mean the same rows (also on another query-side instance, also after a reset
 * has replayed up to them again; a replay in progress has replay tokens, which differ from every earlier state). A
 * document is used only when the snapshot's tokens are the ones it was written at, so an answer is never older than
 * the read model it is read from. The state's digest is the answer's entity tag: a client that sends it back in
 * {@code If-None-Match} is answered 304 without a body while the plan stands where it stood.
 * <p>
 * Kept per plan, bounded by the size of the documents ({@code planledger.plan-documents.max-megabytes}, 0: none
 * kept).
 */
@Component
class CurrentPlanDocuments {

    /** The JSON of a plan and the read model state it was written at. */
    record Document(String state, byte[] json) {

        /** A weak entity tag: the same state gives the same plan, not necessarily the same bytes after an upgrade. */
        String etag() {
            return "W/\"" + state + "\"";
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final ObjectMapper json;
    private final Cache<String, Document> documents;
    private final String stateQuery;

    CurrentPlanDocuments(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
            TokenSchema tokens, @Value("${planledger.plan-documents.max-megabytes:64}") long maxMegabytes) {
        this.jdbc = jdbc;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        // none kept at 0: Caffeine evicts over its bound after the write, not before the next read
        this.documents = maxMegabytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxMegabytes * 1024 * 1024)
                .weigher((String planId, Document document) -> document.json().length)
                .build();
        this.stateQuery = "select md5(coalesce(string_agg(" + tokens.segmentColumn() + " || ':' || coalesce(encode("
                + tokens.tokenColumn() + ", 'hex'), ''), ',' order by " + tokens.segmentColumn() + "), '')) from "
                + tokens.tokenTable() + " where " + tokens.processorNameColumn() + " = ?";
    }

    /** The plan now: the document kept for the read model's present state, or {@code view}'s, written and kept. */
    Document current(String planId, Supplier<Object> view) {
        if (documents == null) {
            return snapshot.execute(tx -> new Document(state(), write(view.get())));
        }
        // one query when the plan is kept: the rows it was written from are the rows of the state read now
        Document kept = documents.getIfPresent(planId);
        if (kept != null && kept.state().equals(state())) {
            return kept;
        }
        return snapshot.execute(tx -> {
            Document written = new Document(state(), write(view.get()));
            documents.put(planId, written);
            return written;
        });
    }

    private String state() {
        return jdbc.queryForObject(stateQuery, String.class, PlanProjection.PROCESSING_GROUP);
    }

    private byte[] write(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the plan could not be written as JSON", e);
        }
    }
}
