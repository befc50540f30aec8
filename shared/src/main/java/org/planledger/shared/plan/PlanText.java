package org.planledger.shared.plan;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;

/** Keeps every text of the plan in Unicode NFC, whatever form the caller or the file used. */
final class PlanText {

    private PlanText() {
    }

    static String nfc(String field, String text) {
        Objects.requireNonNull(text, () -> field + " must not be null (use \"\" for an empty cell)");
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    static List<String> nfc(String field, List<String> texts) {
        Objects.requireNonNull(texts, () -> field + " must not be null");
        return texts.stream().map(t -> nfc(field, t)).toList();
    }
}
