package org.equiplan.facilities.solver;

import java.util.List;
import java.util.function.Predicate;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * Which site to close when one opens, evaluated for every open site at once from each demand's nearest
 * and second-nearest open sites (uncapacitated services: there a demand always goes to its nearest).
 *
 * <p>For the p-center term (the longest trip weighed): given a closed site to open near the demand point
 * that sets the longest trip, which open site to close so that the longest trip after the interchange is
 * shortest (the vertex substitution of Mladenovic, Labbe and Hansen 2003). With each demand's nearest and
 * second-nearest open site known, every candidate is evaluated at once in time linear in the demands.
 * Uncapacitated services only: there a demand always goes to its nearest open site.
 */
final class Substitution {

    private Substitution() {}

    /** The open site (not always open) whose closing, with {@code in} opened, leaves the shortest longest trip. */
    static Site bestToCloseForCenter(List<Assignment> demands, List<Site> sites, Site in) {
        int m = sites.size();
        double[] worstIfClosed = new double[m];
        // The largest "nearest open distance after opening in" over all demands, and the largest among demands
        // whose nearest open site is another one than the first's.
        double top = -1;
        int topSite = -1;
        double second = -1;
        for (Assignment a : demands) {
            Site first = null;
            double d1 = Double.POSITIVE_INFINITY;
            double d2 = Double.POSITIVE_INFINITY;
            for (Site s : a.getAllowedSites()) {
                if (s.isOpen()) {
                    if (first == null) {
                        first = s;
                        d1 = a.distanceTo(s);
                    } else {
                        d2 = a.distanceTo(s);
                        break;
                    }
                }
            }
            if (first == null) {
                continue;
            }
            double viaIn = a.canUse(in) ? a.distanceTo(in) : Double.POSITIVE_INFINITY;
            double stays = Math.min(d1, viaIn);
            double moves = Math.min(d2, viaIn);
            int f = first.getServiceIndex();
            worstIfClosed[f] = Math.max(worstIfClosed[f], moves);
            if (stays > top) {
                if (topSite != f) {
                    second = Math.max(second, top);
                }
                top = stays;
                topSite = f;
            } else if (f != topSite && stays > second) {
                second = stays;
            }
        }
        Site best = null;
        double bestMax = Double.POSITIVE_INFINITY;
        for (Site s : sites) {
            if (!s.isOpen() || s.isAlwaysOpen() || s == in) {
                continue;
            }
            int i = s.getServiceIndex();
            double others = i == topSite ? second : top;
            double max = Math.max(worstIfClosed[i], others);
            if (max < bestMax) {
                bestMax = max;
                best = s;
            }
        }
        return best;
    }

    static boolean appliesToCenter(Service service, List<Site> sites) {
        return service.getLongestTripCost() > 0 && !OpenCounts.capacitated(sites);
    }

    /**
     * For p-median and other uncapacitated services whose objective is a sum over demands: given a closed
     * site to open, the open site whose closing changes the total value least (Whitaker's fast interchange):
     * with g = the sum over demands of min(0, value at in - value at nearest), closing s adds, over the
     * demands whose nearest open site is s, min(second, at in) - nearest - min(0, at in - nearest). Open
     * means open after the move drafted so far ({@code isOpen}), so that a second pair can follow a first.
     */
    static Site bestToCloseForSum(List<Assignment> demands, List<Site> sites, Site in, Predicate<Site> isOpen) {
        double[] extra = new double[sites.size()];
        for (Assignment a : demands) {
            Site first = null;
            double v1 = Double.POSITIVE_INFINITY;
            double v2 = Double.POSITIVE_INFINITY;
            for (Site s : a.getAllowedSites()) {
                if (isOpen.test(s)) {
                    if (first == null) {
                        first = s;
                        v1 = AssignmentValue.of(a, s);
                    } else {
                        v2 = AssignmentValue.of(a, s);
                        break;
                    }
                }
            }
            if (first == null) {
                continue;
            }
            double viaIn = a.canUse(in) ? AssignmentValue.of(a, in) : Double.POSITIVE_INFINITY;
            extra[first.getServiceIndex()] += Math.min(v2, viaIn) - v1 - Math.min(0, viaIn - v1);
        }
        Site best = null;
        double bestExtra = Double.POSITIVE_INFINITY;
        for (Site s : sites) {
            if (isOpen.test(s) && !s.isAlwaysOpen() && s != in && extra[s.getServiceIndex()] < bestExtra) {
                bestExtra = extra[s.getServiceIndex()];
                best = s;
            }
        }
        return best;
    }

    /** Uncapacitated, no longest trip and no regional equity: a demand's value is all its sum counts. */
    static boolean appliesToSum(Service service, List<Site> sites, List<Assignment> demands) {
        return service.getLongestTripCost() == 0
                && !OpenCounts.capacitated(sites)
                && demands.stream().allMatch(a -> a.getRegionAccess() == null);
    }
}
