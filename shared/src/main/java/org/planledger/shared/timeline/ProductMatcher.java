package org.planledger.shared.timeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which of an activity's product items a timeline label speaks of. The label is what
 * the cell prints in front of a date ("Kế hoạch", "Báo cáo kết quả năm", "Ban hành Kế
 * hoạch"); the items are the activity's "Kết quả/Sản phẩm" entries.
 */
final class ProductMatcher {

    /** The kinds of document the plan's products are; a label without one names no product. */
    private static final List<String> DOCUMENT_KINDS = List.of(
            "kế hoạch", "quyết định", "báo cáo", "công văn", "văn bản", "chỉ thị", "nghị quyết",
            "đề án", "tờ trình");

    private final List<String> items;

    ProductMatcher(List<String> items) {
        this.items = List.copyOf(items);
    }

    List<String> items() {
        return items;
    }

    /**
     * The products a label names, in order; empty when it names none ("Triển khai"). A label
     * may name several, separated by ';' ("Báo cáo; Văn bản chấn chỉnh").
     */
    List<String> named(String label) {
        Set<String> found = new LinkedHashSet<>();
        for (String part : label.split(";")) {
            match(part.strip()).ifPresent(found::add);
        }
        return new ArrayList<>(found);
    }

    /**
     * In order: the one item the label is a word-prefix of (or that is a word-prefix of the
     * label); else the one item of the same document kind; else, when the label names a kind
     * of document that is not among the items, the label itself from that kind on.
     */
    private Optional<String> match(String label) {
        String key = Text.key(label);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<String> byPrefix = items.stream()
                .filter(item -> isWordPrefix(key, Text.key(item)) || isWordPrefix(Text.key(item), key))
                .toList();
        if (byPrefix.size() == 1) {
            return Optional.of(byPrefix.get(0));
        }
        Optional<String> kind = firstKind(key);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> byKind = items.stream()
                .filter(item -> firstKind(Text.key(item)).equals(kind))
                .toList();
        if (byKind.size() == 1) {
            return Optional.of(byKind.get(0));
        }
        String printed = Text.normalize(label);
        int at = printed.toLowerCase(Locale.ROOT).indexOf(kind.get());
        return Optional.of(at >= 0 ? printed.substring(at) : printed);
    }

    private static boolean isWordPrefix(String prefix, String text) {
        return text.equals(prefix) || text.startsWith(prefix + " ");
    }

    private static Optional<String> firstKind(String key) {
        String padded = " " + key + " ";
        return DOCUMENT_KINDS.stream()
                .filter(kind -> padded.contains(" " + kind + " "))
                .min((a, b) -> Integer.compare(padded.indexOf(" " + a + " "), padded.indexOf(" " + b + " ")));
    }
}
