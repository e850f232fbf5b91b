package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * The local search's moves, drawn at random: a neighbourhood by the service's weights, then the move
 * that neighbourhood builds against the working plan ({@link CustomerMoves}: shift, swap, ejection
 * exchange; {@link SiteMoves}: open, close, interchange). Every move is one {@link ReassignMove}, so that a
 * capacity-tight plan changes which sites are open without passing through infeasible states.
 */
public class FacilityMoveFactory implements MoveIteratorFactory<FacilityPlan, ReassignMove> {

    /** Neighbourhoods, in the order of the weights below. */
    enum Kind {
        SHIFT,
        SWAP,
        EXCHANGE,
        REPARTITION,
        INTERCHANGE,
        CLOSE,
        OPEN
    }

    private MoveIndex index;
    /** Reused by every move of the phase (see {@link Draft}). */
    private Draft draft;
    /**
     * Demands at sites loaded beyond capacity, refreshed every step while there are any. Moves never
     * overfill a site, so once none is left none comes back; until then half the moves are repair chains
     * from them ({@link CustomerMoves#push}), which fix a large infeasible plan far faster than moves drawn
     * among all demands.
     */
    private List<Assignment> overloaded = List.of();

    private boolean mayBeOverloaded;
    /** Per service: cumulative weights of the kinds (out of 100). */
    private List<int[]> mixByService;

    @Override
    public void phaseStarted(ScoreDirector<FacilityPlan> scoreDirector) {
        index(scoreDirector.getWorkingSolution());
    }

    private void index(FacilityPlan plan) {
        if (index != null && index.plan() == plan) {
            return;
        }
        index = new MoveIndex(plan);
        draft = new Draft(index);
        mayBeOverloaded = true;
        mixByService = new ArrayList<>();
        for (Service service : plan.getServices()) {
            mixByService.add(mix(service, OpenCounts.capacitated(index.sitesOf(service))));
        }
    }

    /**
     * Which neighbourhoods pay off depends on the service: with an exact open count, opening or closing
     * alone always breaks it, so interchanges dominate; without capacities a demand is best at its
     * nearest open site, so shifts and swaps rarely help and exchanges never; with capacities, exchanges and
     * swaps are what moves demands between full sites.
     */
    static int[] mix(Service service, boolean capacitated) {
        boolean exactCount = OpenCounts.exactCount(service);
        int[] weights;
        if (exactCount) {
            weights = capacitated ? new int[] {10, 10, 15, 15, 50, 0, 0} : new int[] {8, 2, 0, 0, 90, 0, 0};
        } else {
            weights = capacitated ? new int[] {15, 15, 15, 15, 14, 13, 13} : new int[] {15, 5, 0, 0, 40, 20, 20};
        }
        int[] cumulative = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    @Override
    public long getSize(ScoreDirector<FacilityPlan> scoreDirector) {
        // A rough size of the neighbourhood, used by OptaPlanner only for statistics and selection weights.
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        return (long) plan.getAssignments().size()
                * Math.min(CustomerMoves.NEAR, Math.max(1, plan.getSites().size()));
    }

    @Override
    public Iterator<ReassignMove> createOriginalMoveIterator(ScoreDirector<FacilityPlan> scoreDirector) {
        throw new UnsupportedOperationException("Facility moves are only selected at random.");
    }

    @Override
    public Iterator<ReassignMove> createRandomMoveIterator(ScoreDirector<FacilityPlan> scoreDirector, Random random) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        index(plan);
        if (mayBeOverloaded) {
            overloaded = overloaded(plan);
            mayBeOverloaded = !overloaded.isEmpty();
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !plan.getAssignments().isEmpty();
            }

            @Override
            public ReassignMove next() {
                return build(plan, random);
            }
        };
    }

    private static List<Assignment> overloaded(FacilityPlan plan) {
        List<Assignment> out = new ArrayList<>();
        for (Site s : plan.getSites()) {
            if (!s.hasUnlimitedCapacity() && s.load() > s.getCapacity()) {
                out.addAll(s.getAssignments());
            }
        }
        return out;
    }

    /** One move against the current state of the working plan; a few tries before an undoable no-op. */
    private ReassignMove build(FacilityPlan plan, Random random) {
        draft.clear();
        OpenCounts counts = new OpenCounts(plan);
        CustomerMoves customers = new CustomerMoves(random, draft, counts);
        SiteMoves sites = new SiteMoves(random, draft, counts, index);
        for (int attempt = 0; attempt < 10; attempt++) {
            draft.clear();
            if (!overloaded.isEmpty() && random.nextBoolean()) {
                ReassignMove repair = customers.push(overloaded.get(random.nextInt(overloaded.size())));
                if (repair != null) {
                    return repair;
                }
                draft.clear();
            }
            Assignment anchor = plan.getAssignments()
                    .get(random.nextInt(plan.getAssignments().size()));
            int[] mix = mixByService.get(anchor.getService().getIndex());
            int roll = random.nextInt(100);
            Kind kind = Kind.values()[0];
            for (int k = 0; k < mix.length; k++) {
                if (roll < mix[k]) {
                    kind = Kind.values()[k];
                    break;
                }
            }
            ReassignMove move = switch (kind) {
                case SHIFT -> customers.shift(anchor);
                case SWAP -> customers.swap(anchor);
                case EXCHANGE -> customers.exchange(anchor);
                case REPARTITION -> customers.repartition(anchor);
                case INTERCHANGE -> sites.interchange(anchor.getService());
                case CLOSE -> sites.close(anchor.getService());
                case OPEN -> sites.open(anchor);
            };
            if (move != null) {
                return move;
            }
        }
        // Nothing useful found (tiny or fully constrained plan): an undoable no-op is skipped by the solver.
        Assignment a =
                plan.getAssignments().get(random.nextInt(plan.getAssignments().size()));
        return new ReassignMove("none", List.of(a), Collections.singletonList(a.getSite()));
    }
}
