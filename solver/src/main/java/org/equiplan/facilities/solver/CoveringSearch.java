package org.equiplan.facilities.solver;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.bound.CoverTable;

/**
 * The p-center question as a sequence of covering questions: with the longest trip at radius R, can p
 * sites cover every demand point within the next shorter distance r? Answered by a weighted covering local
 * search (the scheme of Pullan 2008 and of the later p-center heuristics that reach the OR-Library optima):
 * swap one open site for one closed site near an uncovered point, choosing the swap that leaves the least
 * weight uncovered, and raise the weight of the points that stay uncovered so that the search leaves
 * plateaus. When everyone is covered, r becomes the new longest trip and the next shorter one is asked.
 *
 * <p>Plain arrays, no plan: the caller turns the best open set into assignments and lets the score judge.
 */
final class CoveringSearch {

    private final CoverTable table;
    private final boolean[] forced;
    private final SplittableRandom random;
    private final BooleanSupplier stop;
    private final int sites;
    private final int demands;

    // State at the current radius.
    private double r;
    private final int[] siteReach; // demands within r, per site
    private final int[] demandReach; // sites within r, per demand
    private final boolean[] open;
    private final int[] openList;
    private int openCount;
    private final int[] openPos;
    private final int[] coverCount;
    /** Sum of the indexes of the open sites that cover a point: the one site itself when the count is 1. */
    private final long[] coverSum;

    private final long[] weight;
    /** Per open site: the weight of the points only it covers (what closing it uncovers). */
    private final long[] loss;

    /** Scratch for swapFor: the points whose single cover a trial opening takes over (at most one per point). */
    private final int[] touched;

    private final int[] uncovered;
    private final int[] uncoveredPos;
    private int uncoveredCount;
    /** Step until which a site may not be reopened (after closing) or closed (after opening). */
    private final long[] tabuUntil;

    private long steps;
    private long lastSuccess;

    /**
     * Swaps without a shorter radius after which the search gives up: the last radius it reached may be the
     * optimum, which no number of swaps proves. On OR-Library pmed1-40 every radius the search reached took at
     * most 433 swaps; the search stops after this many plus four times the swaps it has used so far.
     */
    static final long STALL_SWAPS = 100_000;

    CoveringSearch(CoverTable table, boolean[] forced, long seed, BooleanSupplier stop) {
        this.table = table;
        this.forced = forced;
        this.random = new SplittableRandom(seed);
        this.stop = stop;
        this.sites = table.siteCount();
        this.demands = table.demandCount();
        siteReach = new int[sites];
        demandReach = new int[demands];
        open = new boolean[sites];
        openList = new int[sites];
        openPos = new int[sites];
        coverCount = new int[demands];
        coverSum = new long[demands];
        weight = new long[demands];
        loss = new long[sites];
        touched = new int[demands];
        uncovered = new int[demands];
        uncoveredPos = new int[demands];
        tabuUntil = new long[sites];
    }

    /** The outcome: the open sites with the shortest longest trip found, and that trip. */
    record Result(int[] openSites, double radius, long steps) {}

    private double best;
    private int[] bestSet;
    private double floor;
    /** Index in the radii of the next radius to ask for; below the floor or stalled, the search is over. */
    private int next;

    private boolean over;

    /** Starts from {@code start} (p site indexes, the forced ones among them); {@code floor}: no plan does better. */
    CoveringSearch start(int[] start, double floor) {
        for (int i : start) {
            open[i] = true;
        }
        this.floor = floor;
        best = radiusOf(start, start.length);
        next = Arrays.binarySearch(table.radii(), best) - 1;
        return this;
    }

    /**
     * Swaps until the open sites cover everyone within a shorter radius than the last, and returns them; null once
     * the floor is reached, the search stalls or {@code stop} says so (and from then on).
     */
    Result next() {
        double[] radii = table.radii();
        if (over || next < 0 || radii[next] < floor || stop.getAsBoolean()) {
            over = true;
            return null;
        }
        setRadius(radii[next]);
        if (!cover()) {
            over = true; // stopped, or stalled at what may be the optimum
            return null;
        }
        best = radiusOf(openList, openCount);
        lastSuccess = steps;
        bestSet = Arrays.copyOf(openList, openCount);
        // Often the open set covers within shorter radii too: skip straight to its own longest trip.
        next = Arrays.binarySearch(radii, best) - 1;
        return new Result(bestSet, best, steps);
    }

    /** From {@code start} down to the floor or a stall: the last open set found, or null if none beat the start. */
    Result run(int[] start, double floor) {
        start(start, floor);
        Result last = null;
        for (Result r = next(); r != null; r = next()) {
            last = r;
        }
        return last;
    }

    /** The longest trip when the first {@code count} sites of {@code set} are open and everyone goes to the nearest. */
    private double radiusOf(int[] set, int count) {
        double longest = 0;
        boolean[] in = new boolean[sites];
        for (int k = 0; k < count; k++) {
            in[set[k]] = true;
        }
        for (int j = 0; j < demands; j++) {
            int[] s = table.sitesOf(j);
            double nearest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < s.length; k++) {
                if (in[s[k]]) {
                    nearest = table.kthDistance(j, k);
                    break;
                }
            }
            longest = Math.max(longest, nearest);
        }
        return longest;
    }

    /** Recomputes every figure for radius r, keeping the open sites; all weights back to one. */
    private void setRadius(double radius) {
        r = radius;
        for (int i = 0; i < sites; i++) {
            siteReach[i] = table.demandsWithin(i, r);
        }
        for (int j = 0; j < demands; j++) {
            demandReach[j] = table.sitesWithin(j, r);
        }
        Arrays.fill(weight, 1);
        Arrays.fill(coverCount, 0);
        Arrays.fill(coverSum, 0);
        Arrays.fill(loss, 0);
        Arrays.fill(tabuUntil, 0);
        openCount = 0;
        for (int i = 0; i < sites; i++) {
            if (open[i]) {
                openPos[i] = openCount;
                openList[openCount++] = i;
                int[] d = table.demandsOf(i);
                for (int k = 0; k < siteReach[i]; k++) {
                    coverCount[d[k]]++;
                    coverSum[d[k]] += i;
                }
            }
        }
        uncoveredCount = 0;
        for (int j = 0; j < demands; j++) {
            if (coverCount[j] == 0) {
                uncoveredPos[j] = uncoveredCount;
                uncovered[uncoveredCount++] = j;
            } else if (coverCount[j] == 1) {
                loss[(int) coverSum[j]] += weight[j];
            }
        }
    }

    /** Swaps until every point is covered (true) or the search is stopped or stalls (false). */
    private boolean cover() {
        while (uncoveredCount > 0) {
            if ((steps & 63) == 0 && stop.getAsBoolean() || steps - lastSuccess > STALL_SWAPS + 4 * lastSuccess) {
                return false;
            }
            steps++;
            int j = uncovered[random.nextInt(uncoveredCount)];
            if (!swapFor(j)) {
                return false; // no site can be closed (all forced): nothing to try
            }
            for (int u = 0; u < uncoveredCount; u++) {
                weight[uncovered[u]]++;
            }
        }
        return true;
    }

    /** The best swap that opens a site within r of point j; made even when it uncovers more than it covers. */
    private boolean swapFor(int j) {
        int[] candidates = table.sitesOf(j);
        int bestIn = -1;
        int bestOut = -1;
        long bestDelta = Long.MAX_VALUE;
        int ties = 0;
        for (int k = 0; k < demandReach[j]; k++) {
            int in = candidates[k];
            boolean tabu = tabuUntil[in] > steps;
            // Open `in` for a moment: what it covers, and how the others' losses change.
            long gain = 0;
            int[] d = table.demandsOf(in);
            int t = 0;
            for (int q = 0; q < siteReach[in]; q++) {
                int p = d[q];
                if (coverCount[p] == 0) {
                    gain += weight[p];
                } else if (coverCount[p] == 1) {
                    loss[(int) coverSum[p]] -= weight[p];
                    touched[t++] = p;
                }
            }
            int out = -1;
            long outLoss = Long.MAX_VALUE;
            // Sites opened a moment ago stay unless nothing else may close.
            for (int pass = 0; pass < 2 && out < 0; pass++) {
                int outTies = 0;
                for (int o = 0; o < openCount; o++) {
                    int s = openList[o];
                    if (forced[s] || (pass == 0 && tabuUntil[s] > steps)) {
                        continue;
                    }
                    if (loss[s] < outLoss) {
                        outLoss = loss[s];
                        out = s;
                        outTies = 1;
                    } else if (loss[s] == outLoss && random.nextInt(++outTies) == 0) {
                        out = s;
                    }
                }
            }
            for (int q = 0; q < t; q++) {
                int p = touched[q];
                loss[(int) coverSum[p]] += weight[p];
            }
            if (out < 0) {
                continue;
            }
            // A tabu site is opened only when it is the point's last hope; rank it behind every free one.
            long delta = outLoss - gain + (tabu ? Long.MAX_VALUE / 4 : 0);
            if (delta < bestDelta) {
                bestDelta = delta;
                bestIn = in;
                bestOut = out;
                ties = 1;
            } else if (delta == bestDelta && random.nextInt(++ties) == 0) {
                bestIn = in;
                bestOut = out;
            }
        }
        if (bestIn < 0) {
            return false;
        }
        openSite(bestIn);
        closeSite(bestOut);
        tabuUntil[bestOut] = steps + 1 + random.nextInt(3);
        tabuUntil[bestIn] = steps + 1 + random.nextInt(3);
        return true;
    }

    private void openSite(int i) {
        open[i] = true;
        openPos[i] = openCount;
        openList[openCount++] = i;
        int[] d = table.demandsOf(i);
        for (int q = 0; q < siteReach[i]; q++) {
            int p = d[q];
            if (coverCount[p] == 0) {
                removeUncovered(p);
                loss[i] += weight[p];
            } else if (coverCount[p] == 1) {
                loss[(int) coverSum[p]] -= weight[p];
            }
            coverCount[p]++;
            coverSum[p] += i;
        }
    }

    private void closeSite(int i) {
        open[i] = false;
        int last = openList[--openCount];
        openList[openPos[i]] = last;
        openPos[last] = openPos[i];
        int[] d = table.demandsOf(i);
        for (int q = 0; q < siteReach[i]; q++) {
            int p = d[q];
            coverCount[p]--;
            coverSum[p] -= i;
            if (coverCount[p] == 0) {
                uncoveredPos[p] = uncoveredCount;
                uncovered[uncoveredCount++] = p;
            } else if (coverCount[p] == 1) {
                loss[(int) coverSum[p]] += weight[p];
            }
        }
        loss[i] = 0;
    }

    private void removeUncovered(int p) {
        int last = uncovered[--uncoveredCount];
        uncovered[uncoveredPos[p]] = last;
        uncoveredPos[last] = uncoveredPos[p];
    }
}
