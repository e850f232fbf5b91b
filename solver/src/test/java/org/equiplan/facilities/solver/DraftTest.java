package org.equiplan.facilities.solver;

import static org.assertj.core.api.Assertions.assertThat;

import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.facilities.TestProblems;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Site;
import org.junit.jupiter.api.Test;

/** The draft a move is built in: loads, open state and the demands per site after each step, and a clean restart. */
class DraftTest {

    private final FacilityPlan plan = TestProblems.builder()
            .service("s", null, 1.0)
            .region("r", true)
            .demand("d0", "r", 0, 0, "s", 4)
            .demand("d1", "r", 1, 0, "s", 5)
            .demand("d2", "r", 9, 0, "s", 6)
            .site("A", "s", 0, 0, 10.0, 1, SiteState.CANDIDATE)
            .site("B", "s", 9, 0, 12.0, 1, SiteState.CANDIDATE)
            .site("C", "s", 5, 0, 8.0, 1, SiteState.CANDIDATE)
            .plan();
    private final Site a = TestProblems.site(plan, "A");
    private final Site b = TestProblems.site(plan, "B");
    private final Site c = TestProblems.site(plan, "C");
    private final Assignment d0 = plan.getAssignments().get(0);
    private final Assignment d1 = plan.getAssignments().get(1);
    private final Assignment d2 = plan.getAssignments().get(2);

    DraftTest() {
        TestProblems.assign(plan, d0.getId(), "A");
        TestProblems.assign(plan, d1.getId(), "A");
        TestProblems.assign(plan, d2.getId(), "B");
    }

    @Test
    void followsLoadsOpenSitesAndDemandsThroughAMove() {
        Draft draft = new Draft(new MoveIndex(plan));
        assertThat(draft.at(a)).containsExactly(d0, d1);
        assertThat(draft.isOpen(c)).isFalse();

        draft.open(c);
        draft.assign(d1, c);
        draft.assign(d2, c);

        assertThat(draft.isOpen(c)).isTrue();
        assertThat(draft.isOpening(c)).isTrue();
        assertThat(draft.load(a)).isEqualTo(4);
        assertThat(draft.load(c)).isEqualTo(11);
        assertThat(draft.room(c)).isEqualTo(-3);
        assertThat(draft.fits(b, 12)).isTrue();
        assertThat(draft.at(a)).containsExactly(d0); // the view asked for before the move follows it
        assertThat(draft.at(c)).containsExactly(d1, d2);
        assertThat(draft.empties(b)).isTrue();
        assertThat(draft.isOpen(b)).isFalse();
        assertThat(draft.changed()).containsExactly(a, c, b);

        draft.assign(d1, a); // back where it was: the move still lists it, at its own site
        assertThat(draft.siteOf(d1)).isSameAs(a);
        assertThat(draft.at(a)).containsExactly(d0, d1);
        assertThat(draft.at(c)).containsExactly(d2);
        ReassignMove move = draft.toMove("test");
        assertThat(move).isNotNull();

        // The working plan is untouched, and the next move starts from it.
        assertThat(d1.getSite()).isSameAs(a);
        draft.clear();
        assertThat(draft.isEmpty()).isTrue();
        assertThat(draft.isOpen(c)).isFalse();
        assertThat(draft.isOpening(c)).isFalse();
        assertThat(draft.load(c)).isZero();
        assertThat(draft.load(b)).isEqualTo(6);
        assertThat(draft.at(b)).containsExactly(d2);
        assertThat(draft.changed()).isEmpty();
        assertThat(draft.toMove("none")).isNull();
    }

    @Test
    void aClosingSiteIsClosedBeforeItsDemandsLeave() {
        Draft draft = new Draft(new MoveIndex(plan));
        draft.close(b);
        assertThat(draft.isOpen(b)).isFalse();
        assertThat(draft.isClosing(b)).isTrue();
        assertThat(draft.closing()).containsExactly(b);
        assertThat(draft.at(b)).containsExactly(d2);
        draft.clear();
        assertThat(draft.isOpen(b)).isTrue();
        assertThat(draft.closing()).isEmpty();
    }
}
