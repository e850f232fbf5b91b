package org.equiplan.facilities.bound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.LowerBound;
import org.equiplan.facilities.domain.RegionAccess;
import org.equiplan.facilities.domain.SearchHints;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;

/**
 * The lower bound of a whole facility plan: per service, a Lagrangian relaxation of the linear part of
 * the soft objective (opening, assignment and squared-distance equity costs) and, where a travel
 * standard is set, of the medium level; the non-linear terms counted at a value no plan can go below.
 * Services share nothing but the capital budget, which the bound relaxes, so their bounds add up.
 *
 * <p>Over 300 lines because each term's bound and the note that explains it to the user sit together, so that
 * the figure and its explanation cannot drift apart; the relaxation and the tree are classes of their own.
 */
public final class FacilityBound {

    /** Iteration caps: enough for the subgradient to settle on the classic sets, and deterministic. */
    static final int COST_ITERATIONS = Integer.getInteger("lr.iter", 3000);

    static final int BREACH_ITERATIONS = 1500;
    /** Nodes of the branch and bound over the open sites, per capacitated service. */
    static final int BRANCH_AND_BOUND_NODES = 300;

    /**
     * The bound and what the relaxations found on the way, per service (by index): each service's bound
     * ({@code serviceBound}) and its relaxation, so that {@link #refine} can
     * branch later; {@code otherSoft} is the rest of the soft bound (the non-linear terms' floors, forced
     * sites of services without demand).
     */
    public record Computed(
            LowerBound bound,
            LagrangianRelaxation.Result[] cost,
            LagrangianRelaxation.Result[] breach,
            SitingModel[] costModels,
            LagrangianRelaxation[] relaxations,
            double[] serviceBound,
            long otherSoft,
            List<String> otherNotes,
            int nodes,
            double[] radiusFloors) {

        /**
         * Per service and site: its Lagrangian value at the best multipliers as the choice of open sites weighs it (for
         * the search; see {@link OpenChoice#priced}): negative where the relaxation wants the site open.
         */
        /**
         * Per service, the relaxation's rating of its sets of open sites at the best multipliers (their sum, the raw
         * site values and the bound), for listing the sets it rates best ({@link LagrangianSets}); null entries where
         * the relaxation did not run.
         */
        public SearchHints.SetRating[] setRatings() {
            SearchHints.SetRating[] ratings = new SearchHints.SetRating[cost.length];
            for (int s = 0; s < cost.length; s++) {
                ratings[s] = cost[s] == null ? null : cost[s].setRating();
            }
            return ratings;
        }

        public double[][] siteValues() {
            double[][] values = new double[cost.length][];
            for (int s = 0; s < cost.length; s++) {
                values[s] = cost[s] == null ? null : new OpenChoice(costModels[s]).priced(cost[s].siteValue());
            }
            return values;
        }

        /**
         * Service {@code s}'s customers on the open sites of its relaxation at the best multipliers (with sites added by
         * value where their capacity or count falls short), assigned by the Lagrangian heuristic from the relaxed
         * assignment at those multipliers: site index per customer, or null where the service has no relaxation or no
         * such plan fits the capacities and counts.
         */
        public int[] relaxedSetPlan(int s) {
            return cost[s] == null || cost[s].open() == null
                    ? null
                    : new LagrangianHeuristic(costModels[s])
                            .plan(cost[s].open(), cost[s].siteValue(), cost[s].relaxedSite());
        }

        /** Services whose bound is still below the best plan known to the relaxation: worth branching. */
        public boolean anyGap() {
            for (int s = 0; s < cost.length; s++) {
                if (openGap(s, cost[s] == null ? Long.MAX_VALUE : cost[s].upperBound())) {
                    return true;
                }
            }
            return false;
        }

        boolean openGap(int s, long upperBound) {
            return cost[s] != null && costModels[s].anyFiniteCapacity() && roundUp(serviceBound[s]) < upperBound;
        }
    }

    private FacilityBound() {}

    /**
     * Computes the bound for the plan's problem: per service the Lagrangian relaxation ({@link #refine} then
     * narrows what capacities leave). The plan's current assignment, when complete, gives the
     * relaxations their first target (any plan's cost is an upper bound); {@code stop} may end the
     * subgradient runs early, which leaves a valid but weaker bound.
     */
    public static Computed compute(FacilityPlan plan, BooleanSupplier stop) {
        int services = plan.getServices().size();
        LagrangianRelaxation.Result[] cost = new LagrangianRelaxation.Result[services];
        LagrangianRelaxation.Result[] breach = new LagrangianRelaxation.Result[services];
        SitingModel[] models = new SitingModel[services];
        LagrangianRelaxation[] relaxations = new LagrangianRelaxation[services];
        double[] serviceBound = new double[services];
        long otherSoft = 0;
        long medium = 0;
        int iterations = 0;
        boolean exact = true;
        boolean anyStandard = false;
        for (Service service : plan.getServices()) {
            int s = service.getIndex();
            SitingModel model = SitingModel.of(plan, service, SitingModel.Level.COST);
            models[s] = model;
            if (model.customerCount() == 0) {
                otherSoft += forcedFixedCost(model);
                continue;
            }
            relaxations[s] = new LagrangianRelaxation(model);
            cost[s] = relaxations[s].run(model.costIn(plan), COST_ITERATIONS, stop);
            serviceBound[s] = cost[s].bound();
            iterations += cost[s].iterations();
            exact &= cost[s].exactKnapsacks();
            if (service.getMaxDistance() != null) {
                anyStandard = true;
                SitingModel breachModel = SitingModel.of(plan, service, SitingModel.Level.BREACH);
                long current = breachModel.costIn(plan);
                if (current == 0) {
                    continue; // nothing to bound: the plan at hand already breaches nothing
                }
                breach[s] = new LagrangianRelaxation(breachModel).run(current, BREACH_ITERATIONS, stop);
                medium += Math.max(0, roundUp(breach[s].bound()));
                iterations += breach[s].iterations();
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add(
                "opening and assignment costs" + (hasSquaredEquity(plan) ? " and the squared-distance equity term" : "")
                        + ": Lagrangian relaxation of single assignment, one 0-1 knapsack per site"
                        + (exact ? " solved exactly" : " bounded by its LP relaxation where the table was too large")
                        + ", " + iterations + " subgradient iterations");
        List<String> otherNotes = new ArrayList<>();
        otherSoft += regionalEquityFloor(plan);
        if (hasRegionalEquity(plan)) {
            otherNotes.add("regional equity: counted at each region's mean distance to the nearest sites that may "
                    + "serve it (no plan does better)");
        }
        double[] radiusFloors = radiusFloors(plan, stop);
        otherSoft += longestTripFloor(plan, radiusFloors);
        if (plan.getServices().stream().anyMatch(sv -> sv.getLongestTripCost() > 0)) {
            otherNotes.add("longest trip: counted at the demand point whose nearest possible site is farthest, or, "
                    + "with a most-open limit p, at the shortest radius not proven out of reach of p sites (p+1 points "
                    + "that need a site each, or the Lagrangian relaxation of covering everyone within it)");
        }
        if (plan.getLimits().hasBudget()) {
            otherNotes.add("capital budget: relaxed (the bound holds with or without it)");
        }
        if (anyStandard) {
            otherNotes.add("travel standard (medium level): Lagrangian relaxation of the breach, knapsack per site");
        }
        List<String> all = new ArrayList<>(notes);
        all.addAll(otherNotes);
        LowerBound bound =
                new LowerBound(soft(otherSoft, cost, serviceBound), medium, METHOD, List.copyOf(all), iterations);
        return new Computed(
                bound,
                cost,
                breach,
                models,
                relaxations,
                serviceBound,
                otherSoft,
                List.copyOf(otherNotes),
                0,
                radiusFloors);
    }

    /**
     * Raises the bound of every capacitated service that still has a gap: the root relaxation carried on if it
     * was cut short, then a best-first branch and bound over the open sites ({@link BranchAndBound}). {@code upperBound} gives, per service index and read when its turn
     * comes, the cost of a plan known to meet every hard rule (a search running beside it lends its latest best,
     * which prunes more than the relaxation's own), or Long.MAX_VALUE. A tree cut short by {@code stop} still
     * leaves a valid bound, at least the one it started from.
     */
    public static Computed refine(Computed c, java.util.function.IntToLongFunction upperBound, BooleanSupplier stop) {
        return refine(c, upperBound, stop, (s, siteOf, cost) -> {});
    }

    /** What the tree tells of each plan it finds cheaper than the upper bound it was given and its own before. */
    @FunctionalInterface
    public interface PlanFound {
        /** {@code siteOf}: the site service index per customer of service {@code service}; {@code cost} its cost. */
        void found(int service, int[] siteOf, long cost);
    }

    /** The same, telling {@code found} of each plan the tree finds (the search beside it may take them up). */
    public static Computed refine(
            Computed c, java.util.function.IntToLongFunction upperBound, BooleanSupplier stop, PlanFound found) {
        int services = c.cost().length;
        LagrangianRelaxation.Result[] cost = c.cost().clone();
        double[] serviceBound = c.serviceBound().clone();
        int nodes = c.nodes();
        for (int s = 0; s < services; s++) {
            long ub = Math.min(upperBound.applyAsLong(s), cost[s] == null ? Long.MAX_VALUE : cost[s].upperBound());
            if (stop.getAsBoolean() || !c.openGap(s, ub)) {
                continue;
            }
            if (cost[s].iterations() < COST_ITERATIONS) {
                // The root was cut short (a share of the time limit on a large plan): carry on from its multipliers.
                LagrangianRelaxation.Result more = c.relaxations()[s].run(
                        ub,
                        COST_ITERATIONS - cost[s].iterations(),
                        LagrangianRelaxation.PATIENCE,
                        stop,
                        cost[s].lambda(),
                        new byte[c.costModels()[s].siteCount()],
                        true);
                if (more.bound() > cost[s].bound()) {
                    cost[s] = more.upperBound() <= cost[s].upperBound()
                            ? more
                            : more.withPlan(cost[s].upperBound(), cost[s].bestPlan());
                    serviceBound[s] = Math.max(serviceBound[s], more.bound());
                }
                if (stop.getAsBoolean() || !c.openGap(s, Math.min(ub, cost[s].upperBound()))) {
                    continue;
                }
            }
            // Capacities leave a duality gap that the tree narrows. (Probing each site open and closed first, as
            // before, reached the same bounds on Holmberg's and the tight sets in twice the time: the tree's first
            // branches probe the sites that matter; benchmark/results/issue9-tree-first-2026-11-30.)
            ub = Math.min(ub, upperBound.applyAsLong(s)); // the search may have found better meanwhile
            int service = s;
            int[] plan = ub < cost[s].upperBound() ? null : cost[s].bestPlan();
            BranchAndBound.Outcome tree = BranchAndBound.run(
                    c.costModels()[s],
                    c.relaxations()[s],
                    cost[s],
                    serviceBound[s],
                    ub,
                    plan,
                    BRANCH_AND_BOUND_NODES,
                    stop,
                    (siteOf, planCost) -> found.found(service, siteOf, planCost));
            serviceBound[s] = Math.max(serviceBound[s], tree.bound());
            nodes += tree.nodes();
            if (tree.plan() != null && tree.upperBound() < cost[s].upperBound()) {
                cost[s] = cost[s].withPlan(tree.upperBound(), tree.plan());
            }
        }
        LowerBound before = c.bound();
        List<String> notes = new ArrayList<>(before.notes());
        if (nodes > c.nodes()) {
            String tree = "; then a branch and bound over the open sites, " + nodes + " nodes";
            notes.set(
                    0, notes.get(0).replaceAll("; then a branch and bound over the open sites, \\d+ nodes", "") + tree);
        }
        long soft = Math.max(before.softScaled(), soft(c.otherSoft(), cost, serviceBound));
        LowerBound bound =
                new LowerBound(soft, before.breach(), before.method(), List.copyOf(notes), before.iterations());
        return new Computed(
                bound,
                cost,
                c.breach(),
                c.costModels(),
                c.relaxations(),
                serviceBound,
                c.otherSoft(),
                c.otherNotes(),
                nodes,
                c.radiusFloors());
    }

    private static final String METHOD = "Lagrangian relaxation (Holmberg, Ronnqvist and Yuan 1999)";

    private static long soft(long otherSoft, LagrangianRelaxation.Result[] cost, double[] serviceBound) {
        long soft = otherSoft;
        for (int s = 0; s < cost.length; s++) {
            if (cost[s] != null) {
                soft += Math.max(0, roundUp(serviceBound[s])); // every cost is >= 0
            }
        }
        return soft;
    }

    /** Computes the bound and refines it at once, from the relaxation's own plans (tests, tools). */
    public static Computed computeAndRefine(FacilityPlan plan, BooleanSupplier stop) {
        return refine(compute(plan, stop), s -> Long.MAX_VALUE, stop);
    }

    private static long forcedFixedCost(SitingModel model) {
        long total = 0;
        for (int i = 0; i < model.siteCount(); i++) {
            if (model.forced[i]) {
                total += model.fixed[i];
            }
        }
        return total;
    }

    /** The integer objective is at least the bound rounded up (floating-point noise allowed for). */
    static long roundUp(double bound) {
        return (long) Math.ceil(bound - LagrangianRelaxation.tolerance(bound));
    }

    private static boolean hasSquaredEquity(FacilityPlan plan) {
        for (Assignment a : plan.getAssignments()) {
            for (Site s : a.getAllowedSites()) {
                if (a.equityCostAt(s) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasRegionalEquity(FacilityPlan plan) {
        return plan.getAssignments().stream().anyMatch(a -> a.getRegionAccess() != null);
    }

    /**
     * Each region's equity term is increasing in its demand-weighted distance, which is at least the sum
     * of every demand's distance to its nearest allowed site.
     */
    static long regionalEquityFloor(FacilityPlan plan) {
        Map<RegionAccess, Long> nearest = new HashMap<>();
        for (Assignment a : plan.getAssignments()) {
            if (a.getRegionAccess() == null) {
                continue;
            }
            long min = Long.MAX_VALUE;
            for (Site s : a.getAllowedSites()) {
                min = Math.min(min, a.weightedDistanceMilliAt(s));
            }
            nearest.merge(a.getRegionAccess(), min, Long::sum);
        }
        long total = 0;
        for (Map.Entry<RegionAccess, Long> e : nearest.entrySet()) {
            if (e.getValue() > 0) {
                total += e.getKey().penalty(e.getValue());
            }
        }
        return total;
    }

    /**
     * Per weighed service: the longest trip no plan beats ({@link CoverTable#radiusFloor}): the farthest any demand
     * point is from its nearest possible site, raised by packing and Lagrangian proofs where the open count has a
     * maximum. 0 for services whose longest trip is not weighed.
     */
    static double[] radiusFloors(FacilityPlan plan, BooleanSupplier stop) {
        double[] floor = new double[plan.getServices().size()];
        for (Service service : plan.getServices()) {
            if (service.getLongestTripCost() > 0) {
                floor[service.getIndex()] = CoverTable.of(plan, service)
                        .radiusFloor(
                                service.getMaxOpen() == Service.NO_LIMIT ? SitingModel.NO_LIMIT : service.getMaxOpen(),
                                stop);
            }
        }
        return floor;
    }

    /** The longest-trip terms at their floors, in score units. */
    static long longestTripFloor(FacilityPlan plan, double[] floor) {
        long total = 0;
        for (Service service : plan.getServices()) {
            if (service.getLongestTripCost() > 0) {
                total += Math.round(floor[service.getIndex()] * service.getLongestTripCost());
            }
        }
        return total;
    }
}
