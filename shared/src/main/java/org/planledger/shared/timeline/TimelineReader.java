package org.planledger.shared.timeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the plan's "Thời gian" (timeline) cell, free Vietnamese text, into milestones.
 *
 * <h2>How a cell is split into one piece per product</h2>
 * A cell such as {@code - Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn
 * hướng dẫn (quý IV/2024).} is cut, outside parentheses only:
 * <ol>
 *   <li>at ';' and at list dashes (a '-' standing between spaces or at the start);</li>
 *   <li>after a parenthesis holding a date or a condition when more text follows it, which
 *       separates "Kế hoạch (Tháng 7/2024)" from "Quyết định (tháng 9/2024)";</li>
 *   <li>a cut-off piece that holds no timing at all is only a product name, or the tail of a
 *       condition that itself contains ';': it is joined to the next piece ("Báo cáo; Văn bản
 *       chấn chỉnh (tháng 11/2024)": one date for two products) or, when last, to the one
 *       before ("… MTTQ VN; tổ chức UNDP tổ chức Hội nghị công bố").</li>
 * </ol>
 * Each piece is then read by {@link PieceReader} into a product label and a rule; the label is
 * matched to the activity's product items by {@link ProductMatcher}. A piece that names no
 * product covers the items no other piece names (all of them when the cell has one piece).
 *
 * <p>Nothing is guessed: a piece that none of the forms accounts for makes the whole cell fail
 * with {@link UnreadableTimelineException}.
 */
public final class TimelineReader {

    private static final String PRODUCT_SEPARATOR = "; ";

    private TimelineReader() {
    }

    /**
     * @param productItems the activity's "Kết quả/Sản phẩm" items, in printed order
     * @param planYear     the year for a month or quarter printed without one
     * @throws UnreadableTimelineException naming the text that could not be read
     */
    public static List<MilestoneSpec> read(String timelineCell, List<String> productItems, int planYear) {
        Objects.requireNonNull(timelineCell, "timelineCell");
        Objects.requireNonNull(productItems, "productItems");
        String cell = Text.normalize(timelineCell);
        if (cell.isEmpty()) {
            throw new UnreadableTimelineException(timelineCell);
        }
        PieceReader reader = new PieceReader(planYear);
        ProductMatcher matcher = new ProductMatcher(
                productItems.stream().map(Text::normalize).filter(s -> !s.isEmpty()).toList());

        List<String> pieces = pieces(cell, reader);
        List<PieceReader.Reading> readings = pieces.stream()
                .map(piece -> reader.read(piece).orElseThrow(() -> new UnreadableTimelineException(piece)))
                .toList();
        List<List<String>> named = readings.stream().map(r -> matcher.named(r.label())).toList();

        Set<String> claimed = new LinkedHashSet<>();
        named.forEach(claimed::addAll);
        List<String> unclaimed = matcher.items().stream().filter(item -> !claimed.contains(item)).toList();
        String forUnnamed = String.join(PRODUCT_SEPARATOR, unclaimed.isEmpty() ? matcher.items() : unclaimed);

        List<MilestoneSpec> milestones = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            String product = named.get(i).isEmpty() ? forUnnamed : String.join(PRODUCT_SEPARATOR, named.get(i));
            milestones.add(new MilestoneSpec("m" + (i + 1), product, readings.get(i).rule(), pieces.get(i)));
        }
        return List.copyOf(milestones);
    }

    /** The cell cut into pieces, each as printed (trimmed of list dashes and separators). */
    private static List<String> pieces(String cell, PieceReader reader) {
        List<Span> cut = new ArrayList<>();
        for (Span span : cutAtSeparators(cell)) {
            for (Span part : cutAfterTimingParentheses(cell, span, reader)) {
                Span piece = part.trimmed(cell);
                if (!piece.isEmpty()) {
                    cut.add(piece);
                }
            }
        }
        List<Span> merged = new ArrayList<>();
        Span pending = null;
        for (Span span : cut) {
            Span piece = pending == null ? span : new Span(pending.start, span.end);
            if (PieceReader.mentionsTiming(piece.of(cell))) {
                merged.add(piece);
                pending = null;
            } else {
                pending = piece;
            }
        }
        if (pending != null) {
            if (merged.isEmpty()) {
                throw new UnreadableTimelineException(pending.of(cell));
            }
            Span last = merged.remove(merged.size() - 1);
            merged.add(new Span(last.start, pending.end));
        }
        return merged.stream().map(span -> span.of(cell)).toList();
    }

    private static List<Span> cutAtSeparators(String cell) {
        int[] depth = Text.depths(cell);
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cell.length(); i++) {
            if (depth[i] == 0 && (cell.charAt(i) == ';' || isListDash(cell, i))) {
                spans.add(new Span(start, i));
                start = i + 1;
            }
        }
        spans.add(new Span(start, cell.length()));
        return spans;
    }

    private static boolean isListDash(String cell, int i) {
        char c = cell.charAt(i);
        return (c == '-' || c == '–')
                && (i == 0 || cell.charAt(i - 1) == ' ')
                && (i + 1 == cell.length() || cell.charAt(i + 1) == ' ');
    }

    private static List<Span> cutAfterTimingParentheses(String cell, Span span, PieceReader reader) {
        List<Span> parts = new ArrayList<>();
        int start = span.start;
        int i = span.start;
        while (i < span.end) {
            if (cell.charAt(i) != '(') {
                i++;
                continue;
            }
            int close = Text.closingParen(cell, i);
            if (close < 0 || close >= span.end) {
                break;
            }
            boolean moreFollows = !new Span(close + 1, span.end).trimmed(cell).isEmpty();
            if (moreFollows && reader.readTiming(cell.substring(i + 1, close).strip()).isPresent()) {
                parts.add(new Span(start, close + 1));
                start = close + 1;
            }
            i = close + 1;
        }
        parts.add(new Span(start, span.end));
        return parts;
    }

    /** A stretch of the normalized cell, so that a piece is always printed exactly. */
    private record Span(int start, int end) {

        String of(String cell) {
            return cell.substring(start, end);
        }

        boolean isEmpty() {
            return start >= end;
        }

        /** Without surrounding spaces, a leading list dash, or trailing separators. */
        Span trimmed(String cell) {
            int s = start;
            int e = end;
            while (s < e && (cell.charAt(s) == ' ' || ((cell.charAt(s) == '-' || cell.charAt(s) == '–') && isListDash(cell, s)))) {
                s++;
            }
            while (e > s && " .;,".indexOf(cell.charAt(e - 1)) >= 0) {
                e--;
            }
            return new Span(s, e);
        }
    }
}
