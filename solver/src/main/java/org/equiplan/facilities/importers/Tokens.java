package org.equiplan.facilities.importers;

import org.equiplan.problem.InvalidProblemException;

/**
 * The numbers of a benchmark file, read as whitespace-separated tokens (the published files wrap
 * lines freely, end lines in CR LF, write "49." for 49 and sometimes end in a run of NUL bytes, after
 * which p47 of the Holmberg set still holds stale bytes: the file ends at its first NUL). Errors name
 * what was expected.
 */
final class Tokens {
    private final String[] words;
    private int next;

    Tokens(String text) {
        int nul = text.indexOf('\0');
        String trimmed = (nul >= 0 ? text.substring(0, nul) : text).trim();
        words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    static double parse(String word, String what) {
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            throw new InvalidProblemException(what, "expected a number, got '" + word + "'");
        }
    }

    String next(String what) {
        if (next >= words.length) {
            throw new InvalidProblemException(what, "the file ends early (after " + words.length + " numbers)");
        }
        return words[next++];
    }

    double nextDouble(String what) {
        double v = parse(next(what), what);
        if (!Double.isFinite(v)) {
            throw new InvalidProblemException(what, "must be a finite number");
        }
        return v;
    }

    long nextLong(String what) {
        double v = nextDouble(what);
        if (v != Math.rint(v)) {
            throw new InvalidProblemException(what, "expected a whole number, got " + v);
        }
        return (long) v;
    }

    int nextInt(String what) {
        long v = nextLong(what);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new InvalidProblemException(what, "is out of range");
        }
        return (int) v;
    }

    /** True when only whitespace (or nothing) is left. */
    boolean atEnd() {
        return next >= words.length;
    }

    int remaining() {
        return words.length - next;
    }
}
