package io.github.chicorygdbstub.runtime.locate;

/**
 * How close a name someone typed is to a known one, for "did you mean" suggestions: of breakpoint
 * locations here, of command-line options in the server.
 */
public final class Spelling {
    private Spelling() {}

    /**
     * How many typing slips apart two names are: insertions, deletions, substitutions and swaps of
     * two neighbouring characters count one edit each (optimal string alignment distance), so
     * {@code mian} is one edit from {@code main}. Case counts; callers that ignore it lower both.
     *
     * @param a a name
     * @param b another name
     * @return the number of edits, from 0 for equal names to the longer name's length
     */
    public static int distance(String a, String b) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(previous[j - 1] + cost, Math.min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, beforePrevious[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
