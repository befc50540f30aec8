package org.planledger.shared.agency;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a whole lead or coordinating cell into the agencies and groups it names.
 *
 * <p>The cell is cut at commas, semicolons and the word "và", but a cut is used only where the
 * pieces it leaves are known names: "Các sở, ban, ngành" and "Sở Nông nghiệp và Phát triển nông
 * thôn" stay whole, "Sở Tư pháp và Sở Y tế" becomes two. Among the readings that cover the cell
 * the one with the fewest names wins. Text that no reading covers is reported, never skipped.
 */
public final class AgencyResolver {

    private static final Pattern SEPARATOR =
            Pattern.compile("[,;]|\\s+và\\s+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private final AgencyDirectory directory;

    public AgencyResolver(AgencyDirectory directory) {
        this.directory = Objects.requireNonNull(directory);
    }

    /**
     * @return the agencies named, in printed order without repeats; empty for an empty cell
     * @throws UnresolvedAgencyException naming the text that is not a known agency
     */
    public List<Agency> resolveCell(String cellText) {
        String text = AgencyNames.tidy(Objects.requireNonNullElse(cellText, ""));
        List<int[]> tokens = tokens(text);
        int n = tokens.size();
        Step[] best = new Step[n + 1];
        best[0] = new Step(0, 0, -1, null);
        for (int i = 0; i < n; i++) {
            if (best[i] == null) {
                continue;
            }
            if (piece(text, tokens, i, i).isEmpty()) {
                offer(best, i + 1, new Step(best[i].unresolved, best[i].names, i, List.of()));
                continue;
            }
            for (int j = i; j < n; j++) {
                String piece = piece(text, tokens, i, j);
                var found = directory.lookup(piece);
                if (found.isPresent()) {
                    offer(best, j + 1, new Step(best[i].unresolved, best[i].names + 1, i, found.get()));
                }
            }
            String alone = piece(text, tokens, i, i);
            offer(best, i + 1, new Step(best[i].unresolved + alone.length(), best[i].names + 1, i, null));
        }
        return collect(text, tokens, best);
    }

    private List<Agency> collect(String cell, List<int[]> tokens, Step[] best) {
        List<Step> steps = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int end = tokens.size(); end > 0; end = best[end].from) {
            steps.add(0, best[end]);
            ends.add(0, end);
        }
        Set<Agency> agencies = new LinkedHashSet<>();
        List<String> unresolved = new ArrayList<>();
        int runStart = -1;
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            if (step.agencies == null) {
                if (runStart < 0) {
                    runStart = step.from;
                }
                boolean runContinues = k + 1 < steps.size() && steps.get(k + 1).agencies == null;
                if (!runContinues) {
                    unresolved.add(piece(cell, tokens, runStart, ends.get(k) - 1));
                    runStart = -1;
                }
            } else {
                agencies.addAll(step.agencies);
            }
        }
        if (!unresolved.isEmpty()) {
            throw new UnresolvedAgencyException(cell, unresolved);
        }
        return List.copyOf(agencies);
    }

    private static void offer(Step[] best, int at, Step candidate) {
        Step current = best[at];
        if (current == null || candidate.unresolved < current.unresolved
                || (candidate.unresolved == current.unresolved && candidate.names < current.names)) {
            best[at] = candidate;
        }
    }

    /** Token spans [start, end) between separators. */
    private static List<int[]> tokens(String text) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = SEPARATOR.matcher(text);
        int start = 0;
        while (m.find()) {
            tokens.add(new int[] {start, m.start()});
            start = m.end();
        }
        tokens.add(new int[] {start, text.length()});
        return tokens;
    }

    /** Tokens i..j with the separators between them, without bullets or trailing punctuation. */
    private static String piece(String text, List<int[]> tokens, int i, int j) {
        return AgencyNames.clean(text.substring(tokens.get(i)[0], tokens.get(j)[1]));
    }

    /** The best reading of the first tokens: unresolved characters, then number of names, are minimal. */
    private record Step(int unresolved, int names, int from, List<Agency> agencies) {
    }
}
