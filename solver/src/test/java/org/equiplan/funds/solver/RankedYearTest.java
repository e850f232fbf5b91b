package org.equiplan.funds.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equiplan.funds.FundsPlanBuilder;
import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsProblem.RankPreservation;
import org.equiplan.funds.FundsValidator;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RankOrder;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.importers.Counties;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The exact rank relaxation against an independent convex QP solver (ojAlgo) given every pair of the rule: the same
 * optimum, by coverage and per capita, with and without a tolerance.
 */
class RankedYearTest {

    /**
     * Whole units from the exact answer keep every pair of the rule, each region within one unit of its continuous
     * transfer and inside its range, and place the whole budget; within narrowed ranges too.
     */
    @Test
    void roundsToWholeUnitsThatKeepTheRule() {
        int checked = 0;
        for (long seed = 1; seed <= 8; seed++) {
            for (RankPreservation rank : List.of(
                    new RankPreservation(RankPreservation.COVERAGE, 0.0),
                    new RankPreservation(RankPreservation.COVERAGE, 0.03),
                    new RankPreservation(RankPreservation.PER_CAPITA, 150.0))) {
                FundsProblem base = Counties.generate(40, seed, false, 1e6);
                FundsProblem p = RankPreservationTest.withRules(base, RankPreservationTest.ranked(base.rules(), rank));
                if (!FundsValidator.validate(p).isEmpty()) {
                    continue;
                }
                FundsPlan plan = FundsPlanBuilder.build(p);
                int n = plan.getAllocations().size();
                long total = plan.getRules().placeableUnits();
                java.util.Random random = new java.util.Random(seed);
                double[] price = new double[n];
                long[] floor = new long[n];
                long[] cap = new long[n];
                double[] from = new double[n];
                double[] to = new double[n];
                for (int i = 0; i < n; i++) {
                    price[i] = seed % 2 == 0 ? random.nextDouble() - 0.5 : 0;
                    floor[i] = plan.getAllocations().get(i).getLower();
                    cap[i] = plan.getAllocations().get(i).getUpper();
                    from[i] = floor[i];
                    to[i] = cap[i];
                }
                plan.getAllocations().get(0).getRankOrder().tighten(floor, cap);
                for (int i = 0; i < n; i++) {
                    from[i] = floor[i];
                    to[i] = cap[i];
                }
                RankedYear year = RankedYear.within(plan, price, total, from, to);
                double[] t = year.transfers();
                long[] units = year.rounded(total, floor, cap);
                double unit = plan.getRules().unit();
                long placed = 0;
                for (int i = 0; i < n; i++) {
                    assertThat(Math.abs(units[i] - t[i] / unit))
                            .as("seed %d region %d", seed, i)
                            .isLessThan(1.0 + 1e-9);
                    assertThat(units[i]).isBetween(floor[i], cap[i]);
                    placed += units[i];
                }
                assertThat(placed).as("seed %d %s", seed, rank).isEqualTo(total);
                assertThat(plan.getAllocations().get(0).getRankOrder().shortfall(units))
                        .as("seed %d %s", seed, rank)
                        .isZero();
                // Within the rules' own (implied) ranges the answer is the exact yearly problem's.
                double[] exact = RankedYear.transfers(plan, price, total);
                for (int i = 0; i < n; i++) {
                    assertThat(t[i]).isCloseTo(exact[i], within(1e-6 * Math.max(1, Math.abs(exact[i]))));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(12);
    }

    @Test
    void equalsTheQpWithEveryPair() {
        int compared = 0;
        int aboveRanges = 0;
        for (long seed = 1; seed <= 6; seed++) {
            for (RankPreservation rank : List.of(
                    new RankPreservation(RankPreservation.COVERAGE, 0.0),
                    new RankPreservation(RankPreservation.COVERAGE, 0.03),
                    new RankPreservation(RankPreservation.PER_CAPITA, 0.0),
                    new RankPreservation(RankPreservation.PER_CAPITA, 150.0))) {
                FundsProblem base = Counties.generate(14, seed, false, 1e6);
                FundsProblem p = RankPreservationTest.withRules(base, RankPreservationTest.ranked(base.rules(), rank));
                if (!FundsValidator.validate(p).isEmpty()) {
                    continue;
                }
                FundsPlan plan = FundsPlanBuilder.build(p);
                long total = plan.getRules().placeableUnits();
                // Prices per unit of transfer, as the year-on-year limits of a plan put on each year (none in half).
                java.util.Random random = new java.util.Random(seed);
                double[] price = new double[plan.getAllocations().size()];
                if (seed % 2 == 0) {
                    for (int i = 0; i < price.length; i++) {
                        price[i] = random.nextDouble() - 0.5;
                    }
                }
                double[] t = RankedYear.transfers(plan, price, total);
                double ours = 0;
                double placed = 0;
                for (int i = 0; i < t.length; i++) {
                    ours += plan.getAllocations().get(i).objectiveTermAt(t[i]) + price[i] * t[i];
                    placed += t[i];
                }
                assertThat(placed).isCloseTo(total * plan.getRules().unit(), within(1e-6 * placed));
                assertThat(pairsHold(plan, t)).isTrue();
                double qp = qp(plan, total, price);
                assertThat(ours).as("seed %d, %s", seed, rank).isCloseTo(qp, within(1e-7 * qp));
                double[] ranges = WaterFilling.continuousTransfers(plan, price, total);
                double unordered = 0;
                for (int i = 0; i < t.length; i++) {
                    unordered += plan.getAllocations().get(i).objectiveTermAt(ranges[i]) + price[i] * ranges[i];
                }
                if (unordered < ours - 1e-9 * Math.abs(ours)) {
                    aboveRanges++; // the rule binds beyond the ranges it implies
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(18);
        assertThat(aboveRanges).isPositive();
    }

    private static boolean pairsHold(FundsPlan plan, double[] t) {
        RankOrder order = plan.getAllocations().get(0).getRankOrder();
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (order.before(i) < order.before(j)) {
                    double mi = order.before(i) + t[i] / order.weight(i);
                    double mj = order.before(j) + t[j] / order.weight(j);
                    double slack = order.tolerance() + order.unitSlack(i) + order.unitSlack(j);
                    if (mj < mi - slack - 1e-9 * Math.max(1, Math.abs(mi))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** min sum (w m)^2 / E + price (w m - R) over the ranges and budget with m_j + s_j >= m_i - s_i - tolerance for i before j. */
    private static double qp(FundsPlan plan, long totalUnits, double[] price) {
        List<RegionAllocation> cells = plan.getAllocations();
        RankOrder order = cells.get(0).getRankOrder();
        int n = cells.size();
        double totalWeight = 0;
        double revenue = 0;
        for (int i = 0; i < n; i++) {
            totalWeight += order.weight(i);
            revenue += cells.get(i).getRevenue();
        }
        double constant = 0;
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Expression objective = model.addExpression("objective").weight(1);
        Expression budget = model.addExpression("budget")
                .level((totalUnits * plan.getRules().unit() + revenue) / totalWeight);
        Variable[] m = new Variable[n];
        for (int i = 0; i < n; i++) {
            RegionAllocation r = cells.get(i);
            double w = order.weight(i);
            m[i] = model.addVariable("m" + i)
                    .lower((r.getRevenue() + r.getLower() * r.getUnit()) / w)
                    .upper((r.getRevenue() + r.getUpper() * r.getUnit()) / w);
            objective.set(m[i], m[i], w * w / r.getExpenditure());
            objective.set(m[i], price[i] * w);
            constant -= price[i] * r.getRevenue();
            budget.set(m[i], w / totalWeight);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (order.before(i) < order.before(j)) {
                    Expression pair = model.addExpression("pair" + i + "_" + j)
                            .lower(-order.tolerance() - order.unitSlack(i) - order.unitSlack(j));
                    pair.set(m[j], 1);
                    pair.set(m[i], -1);
                }
            }
        }
        Optimisation.Result result = model.minimise();
        assertThat(result.getState().isOptimal()).isTrue();
        return result.getValue() + constant;
    }

    /**
     * With earmarked categories each region's term is its best split at the categories' prices: the yearly problem
     * then equals the QP over every share (shares not negative, the region's range and the rule on their sum).
     */
    @Test
    void equalsTheQpWithCategoriesAtTheirPrices() {
        int compared = 0;
        int priced = 0;
        for (long seed = 1; seed <= 6; seed++) {
            for (Double tolerance : new Double[] {0.0, 0.05}) {
                FundsProblem p = Counties.generateEarmarked(12, seed, 1e6, null, tolerance);
                if (!FundsValidator.validate(p).isEmpty()) {
                    continue;
                }
                FundsPlan plan = FundsPlanBuilder.build(p);
                long total = plan.getRules().placeableUnits();
                java.util.Random random = new java.util.Random(seed);
                double[] price = new double[plan.getAllocations().size()];
                for (int i = 0; i < price.length; i++) {
                    price[i] = seed % 2 == 0 ? 0.4 * (random.nextDouble() - 0.5) : 0;
                }
                CategorySplit split = CategorySplit.of(plan);
                double[] lambda = new double[split.categories()];
                for (int c = 0; c < lambda.length; c++) {
                    lambda[c] = 0.6 * (random.nextDouble() - 0.5);
                }
                split.at(lambda);
                double[] t = RankedYear.transfers(plan, price, total, null, split);
                double ours = 0;
                double[] x = new double[lambda.length];
                for (int i = 0; i < t.length; i++) {
                    ours += split.split(i, t[i], x) + price[i] * t[i];
                    double sum = 0;
                    int taken = 0;
                    for (double xc : x) {
                        assertThat(xc).isGreaterThanOrEqualTo(0);
                        sum += xc;
                        taken += xc > 0 ? 1 : 0;
                    }
                    assertThat(sum).isCloseTo(t[i], within(1e-6 * Math.max(1, Math.abs(t[i]))));
                    if (taken > 0 && taken < split.pieces(i)) {
                        priced++; // the prices leave some category of this region without a transfer
                    }
                }
                assertThat(pairsHold(plan, t)).isTrue();
                double qp = categoriesQp(plan, total, price, lambda);
                assertThat(ours).as("seed %d, tolerance %s", seed, tolerance).isCloseTo(qp, within(1e-7 * qp));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(8);
        assertThat(priced).isPositive();
    }

    /** The QP over shares x_ic >= 0 (in millions) with sum (R_c + x_c)^2 / E_c - lambda_c x_c + price_i T_i. */
    private static double categoriesQp(FundsPlan plan, long totalUnits, double[] price, double[] lambda) {
        List<RegionAllocation> cells = plan.getAllocations();
        RankOrder order = cells.get(0).getRankOrder();
        double scale = 1e6;
        int n = cells.size();
        java.util.Map<RegionAllocation, Integer> index = new java.util.IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(cells.get(i), i);
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Expression objective = model.addExpression("objective").weight(1);
        Expression budget =
                model.addExpression("budget").level(totalUnits * plan.getRules().unit() / scale);
        Expression[] sum = new Expression[n];
        double constant = 0;
        for (int i = 0; i < n; i++) {
            RegionAllocation r = cells.get(i);
            sum[i] = model.addExpression("total" + i)
                    .lower(r.getLower() * r.getUnit() / scale)
                    .upper(r.getUpper() * r.getUnit() / scale);
        }
        List<List<Variable>> byRegion = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            byRegion.add(new java.util.ArrayList<>());
        }
        int s = 0;
        for (var share : plan.getShares()) {
            int i = index.get(share.getRegion());
            int c = share.getFund().index();
            Variable x = model.addVariable("x" + s++).lower(0);
            double e = share.getExpenditure();
            double rv = share.getRevenue();
            // (R + scale x)^2 / E = scale^2 / E x^2 + 2 R scale / E x + R^2 / E
            objective.set(x, x, scale * scale / e);
            objective.set(x, 2 * rv * scale / e - lambda[c] * scale + price[i] * scale);
            constant += rv * rv / e;
            sum[i].set(x, 1);
            budget.set(x, 1);
            byRegion.get(i).add(x);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (order.before(i) < order.before(j)) {
                    // (R_j + T_j) / w_j - (R_i + T_i) / w_i >= -(tolerance + s_i + s_j)
                    double rhs = -order.tolerance()
                            - order.unitSlack(i)
                            - order.unitSlack(j)
                            - cells.get(j).getRevenue() / order.weight(j)
                            + cells.get(i).getRevenue() / order.weight(i);
                    Expression pair = model.addExpression("pair" + i + "_" + j).lower(rhs / scale);
                    for (Variable v : byRegion.get(j)) {
                        pair.set(v, 1 / order.weight(j));
                    }
                    for (Variable v : byRegion.get(i)) {
                        pair.set(v, -1 / order.weight(i));
                    }
                }
            }
        }
        Optimisation.Result result = model.minimise();
        assertThat(result.getState().isOptimal()).isTrue();
        return result.getValue() + constant;
    }
}
