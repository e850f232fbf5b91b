package org.equiplan.facilities.solver;

import java.util.List;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * For the p-center term (the longest trip weighed): given a closed site to open near the demand point
 * that sets the longest trip, which open site to close so that the longest trip after the interchange is
 * shortest (the vertex substitution of Mladenovic, Labbe and Hansen 2003). With each demand's nearest and
 * second-nearest open site known, every candidate is evaluated at once in time linear in the demands.
 * Uncapacitated services only: there a demand always goes to its nearest open site.
 */
final class CenterInterchange {

    private CenterInterchange() {
    }

    /** The open site (not always open) whose closing, with {@code in} opened, leaves the shortest longest trip. */
    static Site bestToClose(List<Assignment> demands, List<Site> sites, Site in) {
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

    static boolean applies(Service service, List<Site> sites) {
        return service.getLongestTripCost() > 0 && !OpenCounts.capacitated(sites);
    }
}
