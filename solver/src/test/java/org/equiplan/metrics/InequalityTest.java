package org.equiplan.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Indices checked against values worked out by hand. */
class InequalityTest {

    @Test
    void threeEqualWeightRegions() {
        // x = 1, 2, 3; mean 2.
        Inequality.Indices x = Inequality.of(new double[] {1, 2, 3}, new double[] {1, 1, 1});
        // Gini: sum over ordered pairs |xi - xj| = 2 x (1 + 2 + 1) = 8; / (2 n^2 mean) = 8 / 36
        assertThat(x.gini()).isCloseTo(8.0 / 36, within(1e-12));
        // Theil T: (1/3)(0.5 ln 0.5 + 0 + 1.5 ln 1.5)
        assertThat(x.theilT()).isCloseTo((0.5 * Math.log(0.5) + 1.5 * Math.log(1.5)) / 3, within(1e-12));
        // Theil L: (1/3)(ln 2 + 0 + ln 2/3)
        assertThat(x.theilL()).isCloseTo((Math.log(2) + Math.log(2.0 / 3)) / 3, within(1e-12));
        // CV: sqrt((1 + 0 + 1) / 3) / 2
        assertThat(x.cv()).isCloseTo(Math.sqrt(2.0 / 3) / 2, within(1e-12));
        // Atkinson 0.5: 1 - ((1 + sqrt2 + sqrt3) / 3)^2 / 2
        double ede = Math.pow((1 + Math.sqrt(2) + Math.sqrt(3)) / 3, 2);
        assertThat(x.atkinson()).isCloseTo(1 - ede / 2, within(1e-12));
        assertThat(x.maxMinRatio()).isEqualTo(3.0);
        assertThat(x.mean()).isEqualTo(2.0);
    }

    @Test
    void weightsCountAsRepeatedUnits() {
        // values 1 (weight 3) and 3 (weight 1) are the same as 1, 1, 1, 3: mean 1.5.
        Inequality.Indices weighted = Inequality.of(new double[] {1, 3}, new double[] {3, 1});
        Inequality.Indices repeated = Inequality.of(new double[] {1, 1, 1, 3}, new double[] {1, 1, 1, 1});
        // Gini by hand: 3 pairs differ by 2, ordered sum 12; / (2 x 16 x 1.5) = 0.25
        assertThat(weighted.gini()).isCloseTo(0.25, within(1e-12));
        assertThat(repeated.gini()).isCloseTo(0.25, within(1e-12));
        assertThat(weighted.theilT()).isCloseTo(repeated.theilT(), within(1e-12));
        assertThat(weighted.theilL()).isCloseTo(repeated.theilL(), within(1e-12));
        assertThat(weighted.cv()).isCloseTo(repeated.cv(), within(1e-12));
        assertThat(weighted.atkinson()).isCloseTo(repeated.atkinson(), within(1e-12));
    }

    @Test
    void equalDistributionIsZeroEverywhere() {
        Inequality.Indices x = Inequality.of(new double[] {5, 5, 5}, new double[] {2, 7, 1});
        assertThat(x.gini()).isZero();
        assertThat(x.theilT()).isZero();
        assertThat(x.theilL()).isZero();
        assertThat(x.cv()).isZero();
        assertThat(x.atkinson()).isCloseTo(0, within(1e-15));
        assertThat(x.maxMinRatio()).isEqualTo(1.0);
    }

    @Test
    void aZeroValueLeavesTheilLAndTheRatioUndefined() {
        Inequality.Indices x = Inequality.of(new double[] {0, 4}, new double[] {1, 1});
        assertThat(x.gini()).isCloseTo(0.5, within(1e-12));
        assertThat(x.theilL()).isNull();
        assertThat(x.maxMinRatio()).isNull();
        // Theil T: (1/2)(0 + 2 ln 2)
        assertThat(x.theilT()).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void theilSplitsIntoBetweenAndWithinGroups() {
        // Group a: 1 and 3; group b: 4 and 4; equal weights. Overall mean 3.
        double[] x = {1, 3, 4, 4};
        double[] w = {1, 1, 1, 1};
        String[] g = {"a", "a", "b", "b"};
        Inequality.TheilSplit split = Inequality.theilSplit(x, w, g);
        Inequality.Indices total = Inequality.of(x, w);
        // Between (T): income shares 1/3 and 2/3, group means 2 and 4: (1/3) ln(2/3) + (2/3) ln(4/3)
        assertThat(split.theilTBetween()).isCloseTo(Math.log(2.0 / 3) / 3 + 2 * Math.log(4.0 / 3) / 3, within(1e-12));
        // Within (T): a's own index (1/2)(0.5 ln 0.5 + 1.5 ln 1.5) weighted by its income share 1/3; b is equal
        assertThat(split.theilTWithin()).isCloseTo((0.5 * Math.log(0.5) + 1.5 * Math.log(1.5)) / 2 / 3, within(1e-12));
        assertThat(split.theilTBetween() + split.theilTWithin()).isCloseTo(total.theilT(), within(1e-12));
        // Between (L): population shares 1/2 each: (1/2) ln(3/2) + (1/2) ln(3/4)
        assertThat(split.theilLBetween()).isCloseTo(Math.log(1.5) / 2 + Math.log(0.75) / 2, within(1e-12));
        assertThat(split.theilLBetween() + split.theilLWithin()).isCloseTo(total.theilL(), within(1e-12));
    }
}
