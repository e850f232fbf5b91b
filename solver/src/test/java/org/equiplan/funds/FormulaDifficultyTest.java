package org.equiplan.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equiplan.funds.FundsProblem.RegionSpec;
import org.equiplan.funds.domain.FundsPlan;
import org.junit.jupiter.api.Test;

/** The formula with the difficulty coefficient against a hand-worked example. */
class FormulaDifficultyTest {

    /** Three regions of equal need, 100 units of 1 to place; C has twice the people. */
    static FundsProblem hand(FundsProblem.FormulaSpec formula) {
        return new FundsProblem(
                FundsProblem.KIND,
                "hand",
                null,
                null,
                100.0,
                1.0,
                List.of(
                        new RegionSpec("A", null, 1.0, 20.0, 100.0, null, null, null, null),
                        new RegionSpec("B", null, 1.0, 50.0, 100.0, null, null, null, null),
                        new RegionSpec("C", null, 2.0, 80.0, 100.0, null, null, null, null)),
                null,
                null,
                formula);
    }

    @Test
    void reproducesTheHandWorkedExample() {
        // Coverage before: A 0.2, B 0.5, C 0.8 (C has twice the people). Population-weighted mean 0.575,
        // standard deviation sqrt(0.2475 / 4) = 0.248747. z: A 1.50756, B 0.30151, C -0.90453. With theta 0.2 the
        // difficulty coefficients are 1.30151, 1.06030, 0.81909; gaps x coefficients 104.1209, 53.0151, 16.3819
        // (sum 173.5179), so k = 100 / 173.5179 and the transfers 60.006, 30.553, 9.441; whole units by largest
        // remainder: 60, 31, 9.
        FundsProblem p = hand(new FundsProblem.FormulaSpec(0.2));
        FundsPlan plan = FundsPlanBuilder.build(p);
        double[] d = FormulaBaseline.difficulty(plan.getAllocations(), 0.2);
        assertThat(d[0]).isCloseTo(1.301511, within(1e-6));
        assertThat(d[1]).isCloseTo(1.060302, within(1e-6));
        assertThat(d[2]).isCloseTo(0.819093, within(1e-6));
        assertThat(FormulaBaseline.units(plan)).containsExactly(60, 31, 9);
    }

    @Test
    void withoutTheTiltItIsThePlainFormula() {
        // Gaps 80, 50, 20 (sum 150): k = 100 / 150, transfers 53.33, 33.33, 13.33 -> 53, 33, 13 and the last unit
        // to the largest remainder (all equal: the first in order).
        FundsProblem p = hand(null);
        assertThat(FormulaBaseline.units(FundsPlanBuilder.build(p))).containsExactly(54, 33, 13);
    }
}
