package org.planledger.shared.plan;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a printed products cell into its items: a cell written as a bulleted list ("- Kế hoạch; - Quyết định.")
 * gives one item per bullet, without the dash and the closing ";" or "."; any other cell is one item.
 */
public final class ProductItems {

    /**
     * A bullet: a dash at the start of the cell or after the previous item's ";" (or a line break), or a spaced dash
     * before a capital letter where the printer left out the ";" (V.2: "- Quyết định - Báo cáo …").
     */
    private static final Pattern BULLET = Pattern.compile("(?:^|(?<=[;\\n]))\\s*-\\s+|\\s+-\\s+(?=\\p{Lu})");

    private ProductItems() {
    }

    public static List<String> of(String cell) {
        String text = Normalizer.normalize(cell == null ? "" : cell, Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("-")) {
            return List.of(trimItem(text));
        }
        List<String> items = new ArrayList<>();
        for (String piece : BULLET.split(text)) {
            String item = trimItem(piece);
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    private static String trimItem(String piece) {
        return piece.replaceAll("\\s+", " ").strip().replaceFirst("[;.]+$", "").strip();
    }
}
