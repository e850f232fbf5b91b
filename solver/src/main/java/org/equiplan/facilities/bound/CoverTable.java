package org.equiplan.facilities.bound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * One service's distances arranged for questions about a radius r: which sites lie within r of a demand
 * point, and which demand points within r of a site. The longest trip of a plan is at most r exactly when
 * its open sites cover every demand point within r, so both the p-center search and its lower bound work
 * on these lists.
 *
 * <p>Site indexes are the sites' {@link Site#getServiceIndex()}; demand indexes follow the plan's
 * assignment order within the service.
 */
public final class CoverTable {

    private final Service service;
    private final List<Assignment> assignments;
    private final int sites;
    private final List<Site> siteList;
    /** Sites that are always open (they count towards the open-count limit). */
    private final boolean[] forced;
    /** Per demand point: the sites that may serve it, nearest first, and their distances. */
    private final int[][] demandSites;

    private final double[][] demandDistances;
    /** Per site: the demand points it may serve, nearest first, and their distances. */
    private final int[][] siteDemands;

    private final double[][] siteDistances;
    /** Every distance that occurs, ascending, without repeats: the radii worth asking about. */
    private final double[] radii;

    private CoverTable(Service service, List<Assignment> assignments, List<Site> siteList) {
        this.service = service;
        this.assignments = assignments;
        this.sites = siteList.size();
        this.siteList = siteList;
        this.forced = new boolean[sites];
        for (Site s : siteList) {
            forced[s.getServiceIndex()] = s.isAlwaysOpen();
        }
        int n = assignments.size();
        demandSites = new int[n][];
        demandDistances = new double[n][];
        int[] perSite = new int[sites];
        int pairs = 0;
        for (int j = 0; j < n; j++) {
            Assignment a = assignments.get(j);
            int[] allowed = a.allowedIndexes();
            List<Site> allowedSites = a.getAllowedSites();
            double[] d = new double[allowed.length];
            for (int k = 0; k < allowed.length; k++) {
                d[k] = a.distanceTo(allowedSites.get(k));
            }
            // Allowed sites come nearest first; sort anyway so that prefixes are exactly "within r".
            Integer[] order = new Integer[allowed.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
            demandSites[j] = new int[allowed.length];
            demandDistances[j] = new double[allowed.length];
            for (int k = 0; k < order.length; k++) {
                demandSites[j][k] = allowed[order[k]];
                demandDistances[j][k] = d[order[k]];
                perSite[allowed[order[k]]]++;
            }
            pairs += allowed.length;
        }
        siteDemands = new int[sites][];
        siteDistances = new double[sites][];
        for (int i = 0; i < sites; i++) {
            siteDemands[i] = new int[perSite[i]];
            siteDistances[i] = new double[perSite[i]];
        }
        int[][] demandsAt = new int[sites][];
        double[][] distancesAt = new double[sites][];
        int[] fill = new int[sites];
        for (int i = 0; i < sites; i++) {
            demandsAt[i] = new int[perSite[i]];
            distancesAt[i] = new double[perSite[i]];
        }
        double[] all = new double[pairs];
        int at = 0;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < demandSites[j].length; k++) {
                int i = demandSites[j][k];
                demandsAt[i][fill[i]] = j;
                distancesAt[i][fill[i]++] = demandDistances[j][k];
                all[at++] = demandDistances[j][k];
            }
        }
        for (int i = 0; i < sites; i++) {
            double[] d = distancesAt[i];
            Integer[] order = new Integer[d.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
            for (int k = 0; k < order.length; k++) {
                siteDemands[i][k] = demandsAt[i][order[k]];
                siteDistances[i][k] = d[order[k]];
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int k = 0; k < all.length; k++) {
            if (k == 0 || all[k] != all[k - 1]) {
                all[distinct++] = all[k];
            }
        }
        radii = Arrays.copyOf(all, distinct);
    }

    /** The service's table; its sites must all be in the plan's site table (the closed ones are not). */
    public static CoverTable of(FacilityPlan plan, Service service) {
        List<Assignment> mine = new ArrayList<>();
        for (Assignment a : plan.getAssignments()) {
            if (a.getService() == service) {
                mine.add(a);
            }
        }
        return new CoverTable(service, mine, plan.getSiteTable().of(service));
    }

    public Service service() {
        return service;
    }

    public int siteCount() {
        return sites;
    }

    public int demandCount() {
        return assignments.size();
    }

    /** The plan's assignment behind demand point j (in the plan the table was built from). */
    public Assignment assignment(int j) {
        return assignments.get(j);
    }

    /** The distinct distances, ascending (do not modify). */
    public double[] radii() {
        return radii;
    }

    /** Sites that may serve demand j, nearest first (do not modify). */
    public int[] sitesOf(int demand) {
        return demandSites[demand];
    }

    /** Demand points site i may serve, nearest first (do not modify). */
    public int[] demandsOf(int site) {
        return siteDemands[site];
    }

    /** How many of demand j's sites lie within r. */
    public int sitesWithin(int demand, double r) {
        return prefix(demandDistances[demand], r);
    }

    /** How many of site i's demand points lie within r. */
    public int demandsWithin(int site, double r) {
        return prefix(siteDistances[site], r);
    }

    /** Distance of demand j to site i (which must be allowed to serve it), as the assignment knows it. */
    public double distance(int demand, int site) {
        return assignments.get(demand).distanceTo(siteList.get(site));
    }

    /** Distance of demand j to the k-th nearest of its sites. */
    public double kthDistance(int demand, int k) {
        return demandDistances[demand][k];
    }

    /**
     * The smallest radius that no plan with at most {@code maxOpen} open sites can beat: the farthest any
     * demand point is from its nearest possible site, raised while more than {@code maxOpen} demand points
     * can be found whose sites within r are pairwise disjoint (each needs a site of its own, so some trip
     * is longer than r; packed greedily, fewest sites first), and then while the Lagrangian relaxation of
     * "every point covered within r" proves that {@code maxOpen} sites cannot cover everyone
     * ({@link #coverImpossible}). Both are certificates: whatever radius they reach is a valid floor. Bisection
     * over the distinct distances; {@code stop} ends it early with the floor proven so far.
     */
    public double radiusFloor(int maxOpen, BooleanSupplier stop) {
        int n = demandCount();
        double nearest = 0;
        for (int j = 0; j < n; j++) {
            if (demandDistances[j].length > 0) {
                nearest = Math.max(nearest, demandDistances[j][0]);
            }
        }
        int lo = Arrays.binarySearch(radii, nearest); // radii contains every nearest distance
        if (lo < 0 || maxOpen == SitingModel.NO_LIMIT || maxOpen < 0) {
            return nearest;
        }
        // Largest index t at which a proof holds; the floor is the next radius.
        int proven = lo - 1;
        int a = lo;
        int b = radii.length - 1;
        while (a <= b) {
            int mid = (a + b) >>> 1;
            if (packs(radii[mid], maxOpen + 1)) {
                proven = mid;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        a = proven + 1;
        b = radii.length - 1;
        while (a <= b && !stop.getAsBoolean()) {
            int mid = (a + b) >>> 1;
            if (coverImpossible(radii[mid], maxOpen, LAGRANGIAN_ITERATIONS)) {
                proven = mid;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        return proven < lo ? nearest : radii[Math.min(proven + 1, radii.length - 1)];
    }

    /** Subgradient iterations per radius asked: the proofs on pmed are found within a few dozen. */
    static final int LAGRANGIAN_ITERATIONS = 300;

    /**
     * Whether {@code maxOpen} sites (the forced among them) provably cannot cover every point within r. With a
     * multiplier u_j >= 0 per point, L(u) = sum_j u_j - (the largest sum of V_i = sum of u_j over the points site i
     * covers, over the forced sites and the best others up to maxOpen) is at most 0 for any set that covers
     * everyone; so L(u) > 0 for some u proves that no such set exists. Subgradient ascent on u (Daskin's
     * relaxation of the covering problem); it answers false as soon as the sites it picks cover everyone.
     */
    boolean coverImpossible(double r, int maxOpen, int iterations) {
        int n = demandCount();
        int[] siteReach = new int[sites];
        for (int i = 0; i < sites; i++) {
            siteReach[i] = demandsWithin(i, r);
        }
        double[] u = new double[n];
        for (int j = 0; j < n; j++) {
            int reach = sitesWithin(j, r);
            if (reach == 0) {
                return true; // a point no site reaches within r
            }
            u[j] = 1.0 / reach;
        }
        int forcedCount = 0;
        for (boolean f : forced) {
            forcedCount += f ? 1 : 0;
        }
        if (forcedCount > maxOpen) {
            return true; // no plan meets the limit at all
        }
        double[] value = new double[sites];
        Integer[] order = new Integer[sites];
        boolean[] chosen = new boolean[sites];
        int[] count = new int[n];
        double theta = 1;
        double best = Double.NEGATIVE_INFINITY;
        int sinceBetter = 0;
        for (int it = 0; it < iterations && theta > 1e-4; it++) {
            double total = 0;
            for (int j = 0; j < n; j++) {
                total += u[j];
            }
            for (int i = 0; i < sites; i++) {
                double v = 0;
                for (int q = 0; q < siteReach[i]; q++) {
                    v += u[siteDemands[i][q]];
                }
                value[i] = v;
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Double.compare(value[y], value[x]));
            Arrays.fill(chosen, false);
            double covered = 0;
            int open = 0;
            for (int i = 0; i < sites; i++) {
                if (forced[i]) {
                    chosen[i] = true;
                    covered += value[i];
                    open++;
                }
            }
            for (int k = 0; k < sites && open < maxOpen; k++) {
                int i = order[k];
                if (!chosen[i]) {
                    chosen[i] = true;
                    covered += value[i];
                    open++;
                }
            }
            double lagrangian = total - covered;
            if (lagrangian > 1e-9 * total) {
                return true;
            }
            Arrays.fill(count, 0);
            for (int i = 0; i < sites; i++) {
                if (chosen[i]) {
                    for (int q = 0; q < siteReach[i]; q++) {
                        count[siteDemands[i][q]]++;
                    }
                }
            }
            double norm = 0;
            boolean all = true;
            for (int j = 0; j < n; j++) {
                double g = 1 - count[j];
                norm += g * g;
                all &= count[j] > 0;
            }
            if (all) {
                return false; // the sites picked cover everyone within r: no proof exists
            }
            if (lagrangian > best + 1e-12 * total) {
                best = lagrangian;
                sinceBetter = 0;
            } else if (++sinceBetter >= 20) {
                theta /= 2;
                sinceBetter = 0;
            }
            // Polyak-like step towards a small positive value; then back to the same scale (L is homogeneous).
            double step = theta * (Math.abs(lagrangian) + 0.01 * total) / norm;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                u[j] = Math.max(0, u[j] + step * (1 - count[j]));
                sum += u[j];
            }
            if (sum <= 0) {
                return false;
            }
            for (int j = 0; j < n; j++) {
                u[j] *= total / sum;
            }
        }
        return false;
    }

    /** Whether {@code count} demand points with pairwise disjoint site sets within r are found greedily. */
    boolean packs(double r, int count) {
        int n = demandCount();
        Integer[] order = new Integer[n];
        int[] within = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
            within[j] = sitesWithin(j, r);
        }
        Arrays.sort(order, (x, y) -> within[x] != within[y] ? Integer.compare(within[x], within[y]) : x - y);
        boolean[] used = new boolean[sites];
        int packed = 0;
        for (int j : order) {
            int[] s = demandSites[j];
            boolean free = true;
            for (int k = 0; k < within[j] && free; k++) {
                free = !used[s[k]];
            }
            if (!free) {
                continue;
            }
            for (int k = 0; k < within[j]; k++) {
                used[s[k]] = true;
            }
            if (++packed >= count) {
                return true;
            }
        }
        return false;
    }

    private static int prefix(double[] ascending, double r) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
