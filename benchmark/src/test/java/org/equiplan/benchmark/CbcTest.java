package org.equiplan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading CBC's verdict: only a plan CBC found counts as its answer. */
class CbcTest {

    @Test
    void anOptimumIsAnAnswer() {
        Cbc.Result r = Cbc.parse("Optimal - objective value 12345.00000000", 1, 2.0);
        assertThat(r.optimal()).isTrue();
        assertThat(r.objective()).isEqualTo(12345.0);
    }

    @Test
    void aPlanStoppedOnTimeIsAnAnswerNotProven() {
        Cbc.Result r = Cbc.parse("Stopped on time - objective value 29763.00000000", 1, 30.0);
        assertThat(r.optimal()).isFalse();
        assertThat(r.status()).isEqualTo("time limit");
        assertThat(r.objective()).isEqualTo(29763.0);
    }

    @Test
    void theRelaxationsValueWithoutAPlanIsNoAnswer() {
        // CBC writes the LP relaxation's value when it has no integer plan; it must not count as CBC's plan.
        Cbc.Result r = Cbc.parse(
                "Stopped on time (no integer solution - continuous used) - objective value 29382.56180869", 1, 5.3);
        assertThat(r.objective()).isNull();
        assertThat(r.status()).isEqualTo("time limit, no plan");
    }

    @Test
    void aMaximisedGoalIsTurnedBack() {
        assertThat(Cbc.parse("Optimal - objective value -250.00000000", -1, 1.0).objective())
                .isEqualTo(250.0);
    }
}
