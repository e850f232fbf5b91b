package org.equiplan.facilities.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.equiplan.facilities.domain.Assignment;
import org.equiplan.facilities.domain.FacilityPlan;
import org.equiplan.facilities.domain.Service;
import org.equiplan.facilities.domain.Site;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random neighbourhoods for local search, each producing a {@link ReassignMove}:
 * <ul>
 * <li>change: one village to one of its nearest sites (now and then any allowed site);</li>
 * <li>swap: two villages of one service trade sites;</li>
 * <li>close: an open site closes and each of its villages goes to the nearest open site with room;</li>
 * <li>open: a closed site opens and takes the villages it serves better, as far as its capacity goes;</li>
 * <li>swapSites: close one site and open a nearby closed one in one step (Teitz-Bart interchange),
 *     which keeps an exact open count; with such a count, now and then two pairs at once, since a
 *     local optimum of single interchanges (frequent when only the longest trip counts) can need two.</li>
 * </ul>
 * When a service's longest trip is part of the objective, interchanges often open a site near the
 * farthest demand point: only that can shorten the longest trip.
 * Single change moves cannot leave a capacity-tight state or change an exact open count, hence the
 * compound moves.
 */
public class FacilityMoveFactory implements MoveIteratorFactory<FacilityPlan, ReassignMove> {

    /** How many of a village's nearest sites the local moves look at. */
    static final int NEAR = 8;
    /**
     * Share of interchanges that swap two pairs of sites at once, for services with an exact open count
     * (measured: it takes p-median and p-center out of single-interchange optima; on capacitated
     * instances without a fixed count it only slowed the search).
     */
    static final int DOUBLE_INTERCHANGE_PERCENT = 10;

    private FacilityPlan indexedPlan;
    /** Per service, per site index: the assignments that may use that site. */
    private List<List<List<Assignment>>> usersBySite;
    /** Per service: the assignments of that service. */
    private List<List<Assignment>> assignmentsByService;
    /** Per service: cumulative weights of change, swap, swapSites, close, open (out of 100). */
    private List<int[]> mixByService;

    @Override
    public void phaseStarted(ScoreDirector<FacilityPlan> scoreDirector) {
        index(scoreDirector.getWorkingSolution());
    }

    private void index(FacilityPlan plan) {
        if (plan == indexedPlan) {
            return;
        }
        usersBySite = new ArrayList<>();
        assignmentsByService = new ArrayList<>();
        mixByService = new ArrayList<>();
        for (Service service : plan.getServices()) {
            mixByService.add(mix(service, plan.getSiteTable().of(service)));
            List<List<Assignment>> users = new ArrayList<>();
            for (int i = 0; i < plan.getSiteTable().of(service).size(); i++) {
                users.add(new ArrayList<>());
            }
            usersBySite.add(users);
            assignmentsByService.add(new ArrayList<>());
        }
        for (Assignment a : plan.getAssignments()) {
            assignmentsByService.get(a.getService().getIndex()).add(a);
            for (int k : a.allowedIndexes()) {
                usersBySite.get(a.getService().getIndex()).get(k).add(a);
            }
        }
        indexedPlan = plan;
    }

    /**
     * Which neighbourhoods pay off depends on the service: with an exact open count, opening or
     * closing alone always breaks it, so interchanges dominate; without capacities, a village is best
     * at its nearest open site, so single changes and swaps rarely help.
     */
    static int[] mix(Service service, List<Site> sites) {
        boolean exactCount = exactCount(service);
        boolean capacitated = sites.stream().anyMatch(s -> !s.hasUnlimitedCapacity());
        int[] weights;
        if (exactCount) {
            weights = capacitated ? new int[] {15, 15, 70, 0, 0} : new int[] {8, 2, 90, 0, 0};
        } else {
            weights = capacitated ? new int[] {30, 20, 25, 12, 13} : new int[] {15, 5, 40, 20, 20};
        }
        int[] cumulative = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        return cumulative;
    }

    static boolean exactCount(Service service) {
        return service.getMaxOpen() != Service.NO_LIMIT && service.getMinOpen() == service.getMaxOpen();
    }

    @Override
    public long getSize(ScoreDirector<FacilityPlan> scoreDirector) {
        // A rough size of the neighbourhood, used by OptaPlanner only for statistics and selection weights.
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        return (long) plan.getAssignments().size() * Math.min(NEAR, Math.max(1, plan.getSites().size()));
    }

    @Override
    public Iterator<ReassignMove> createOriginalMoveIterator(ScoreDirector<FacilityPlan> scoreDirector) {
        throw new UnsupportedOperationException("Facility moves are only selected at random.");
    }

    @Override
    public Iterator<ReassignMove> createRandomMoveIterator(ScoreDirector<FacilityPlan> scoreDirector, Random random) {
        FacilityPlan plan = scoreDirector.getWorkingSolution();
        index(plan);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !plan.getAssignments().isEmpty();
            }

            @Override
            public ReassignMove next() {
                return new Generator(plan, random).next();
            }
        };
    }

    /** Builds one move against the current state of the working plan. */
    private final class Generator {
        private final FacilityPlan plan;
        private final Random random;
        private final Map<Site, Long> loadDelta = new HashMap<>();
        private final List<Assignment> moved = new ArrayList<>();
        private final Set<Assignment> movedSet = new HashSet<>();
        private final List<Site> targets = new ArrayList<>();
        private final List<Site> closing = new ArrayList<>(2);
        private final List<Site> opening = new ArrayList<>(2);

        Generator(FacilityPlan plan, Random random) {
            this.plan = plan;
            this.random = random;
        }

        ReassignMove next() {
            for (int attempt = 0; attempt < 10; attempt++) {
                reset();
                Assignment anchor = randomAssignment();
                int[] mix = mixByService.get(anchor.getService().getIndex());
                int roll = random.nextInt(100);
                ReassignMove move;
                if (roll < mix[0]) {
                    move = change(anchor);
                } else if (roll < mix[1]) {
                    move = swap(anchor);
                } else if (roll < mix[2]) {
                    move = swapSites(anchor.getService());
                } else if (roll < mix[3]) {
                    move = close(randomOpenSite(anchor.getService()));
                } else {
                    move = open(randomClosedSiteNear(anchor));
                }
                if (move != null) {
                    return move;
                }
            }
            // Nothing useful found (tiny or fully constrained plan): an undoable no-op is skipped by the solver.
            Assignment a = randomAssignment();
            return new ReassignMove("none", List.of(a), java.util.Collections.singletonList(a.getSite()));
        }

        private void reset() {
            loadDelta.clear();
            moved.clear();
            movedSet.clear();
            targets.clear();
            closing.clear();
            opening.clear();
        }

        private Assignment randomAssignment() {
            return plan.getAssignments().get(random.nextInt(plan.getAssignments().size()));
        }

        private ReassignMove change(Assignment a) {
            List<Site> allowed = a.getAllowedSites();
            if (allowed.size() < 2) {
                return null;
            }
            Site target = random.nextInt(10) == 0
                    ? allowed.get(random.nextInt(allowed.size()))
                    : allowed.get(random.nextInt(Math.min(NEAR, allowed.size())));
            return target == a.getSite() ? null : new ReassignMove("change", List.of(a), List.of(target));
        }

        private ReassignMove swap(Assignment a) {
            List<Site> allowed = a.getAllowedSites();
            if (allowed.size() < 2) {
                return null;
            }
            Site other = allowed.get(random.nextInt(Math.min(NEAR, allowed.size())));
            if (other == a.getSite() || other.getAssignments().isEmpty()) {
                return null;
            }
            Assignment b = other.getAssignments().get(random.nextInt(other.getAssignments().size()));
            if (!canUse(b, a.getSite())) {
                return null;
            }
            return new ReassignMove("swap", List.of(a, b), List.of(other, a.getSite()));
        }

        private ReassignMove close(Site site) {
            if (site == null) {
                return null;
            }
            closing.add(site);
            if (!relocateAll(site)) {
                return null;
            }
            return moved.isEmpty() ? null : new ReassignMove("close", List.copyOf(moved), List.copyOf(targets));
        }

        private ReassignMove open(Site site) {
            if (site == null) {
                return null;
            }
            opening.add(site);
            attract(site);
            return moved.isEmpty() ? null : new ReassignMove("open", List.copyOf(moved), List.copyOf(targets));
        }

        private ReassignMove swapSites(Service service) {
            int pairs = exactCount(service) && random.nextInt(100) < DOUBLE_INTERCHANGE_PERCENT ? 2 : 1;
            for (int pair = 0; pair < pairs; pair++) {
                Site out = randomOpenSite(service);
                if (out == null || out.getAssignments().isEmpty() || closing.contains(out)) {
                    return null;
                }
                Assignment anchor = service.getLongestTripCost() > 0 && random.nextBoolean()
                        ? farthest(service) : out.getAssignments().get(random.nextInt(out.getAssignments().size()));
                Site in = randomClosedSiteNear(anchor);
                if (in == null || opening.contains(in)) {
                    return null;
                }
                closing.add(out);
                opening.add(in);
            }
            for (Site in : opening) {
                attract(in);
            }
            for (Site out : closing) {
                if (!relocateAll(out)) {
                    return null;
                }
            }
            return moved.isEmpty() ? null : new ReassignMove("swapSites", List.copyOf(moved), List.copyOf(targets));
        }

        /** The demand point of the service farthest from its site (the one that sets the longest trip). */
        private Assignment farthest(Service service) {
            Assignment far = null;
            for (Assignment a : assignmentsByService.get(service.getIndex())) {
                if (far == null || a.getDistance() > far.getDistance()) {
                    far = a;
                }
            }
            return far;
        }

        /** Moves every assignment still at {@code site} to the best open site with room. */
        private boolean relocateAll(Site site) {
            List<Assignment> leaving = new ArrayList<>(site.getAssignments());
            leaving.removeAll(movedSet);
            leaving.sort((x, y) -> Long.compare(y.getAmount(), x.getAmount()));
            for (Assignment a : leaving) {
                Site target = nearestOpenWithRoom(a, site);
                if (target == null) {
                    return false;
                }
                assign(a, target);
            }
            return true;
        }

        /** Pulls to a newly opened site the assignments that it serves more cheaply, while it has room. */
        private void attract(Site site) {
            List<Assignment> users = usersBySite.get(site.getService().getIndex()).get(site.getServiceIndex());
            List<Assignment> gainers = new ArrayList<>();
            for (Assignment a : users) {
                // Villages of a closing site are placed afterwards, each at its nearest open site with room
                // (the new one included): pulling them all here would not be the exact interchange.
                if (a.getSite() != site && !closing.contains(a.getSite()) && gain(a, a.getSite(), site) > 0
                        && !movedSet.contains(a)) {
                    gainers.add(a);
                }
            }
            // Biggest breach reduction first (with "uncoveredDemand", the most residents newly covered),
            // then the biggest saving: when capacity binds, the site takes those it helps most.
            gainers.sort(Comparator.comparingLong((Assignment a) -> a.breachAt(site) - a.breachAt(a.getSite()))
                    .thenComparingLong(a -> -gain(a, a.getSite(), site)));
            for (Assignment a : gainers) {
                if (hasRoom(site, a.getAmount())) {
                    assign(a, site);
                }
            }
        }

        private void assign(Assignment a, Site target) {
            moved.add(a);
            movedSet.add(a);
            targets.add(target);
            loadDelta.merge(a.getSite(), -a.getAmount(), Long::sum);
            loadDelta.merge(target, a.getAmount(), Long::sum);
        }

        private Site nearestOpenWithRoom(Assignment a, Site excluded) {
            Site fallback = null;
            for (Site s : a.getAllowedSites()) {
                if (s == excluded || !isOpenAfter(s)) {
                    continue;
                }
                if (hasRoom(s, a.getAmount())) {
                    return s;
                }
                if (fallback == null) {
                    fallback = s;
                }
            }
            return fallback;
        }

        private boolean isOpenAfter(Site s) {
            return opening.contains(s) || !closing.contains(s) && s.isOpen();
        }

        private boolean hasRoom(Site s, long amount) {
            if (s.hasUnlimitedCapacity()) {
                return true;
            }
            return s.load() + loadDelta.getOrDefault(s, 0L) + amount <= s.getCapacity();
        }

        private Site randomOpenSite(Service service) {
            List<Site> open = new ArrayList<>();
            for (Site s : plan.getSiteTable().of(service)) {
                if (s.isOpen() && !s.isAlwaysOpen()) {
                    open.add(s);
                }
            }
            return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
        }

        /** A closed site among the village's nearest, or now and then any closed site of the service. */
        private Site randomClosedSiteNear(Assignment a) {
            List<Site> allowed = a.getAllowedSites();
            if (random.nextInt(5) > 0) {
                int limit = Math.min(2 * NEAR, allowed.size());
                int start = random.nextInt(limit);
                for (int i = 0; i < limit; i++) {
                    Site s = allowed.get((start + i) % limit);
                    if (!s.isOpen()) {
                        return s;
                    }
                }
            }
            List<Site> closed = new ArrayList<>();
            for (Site s : plan.getSiteTable().of(a.getService())) {
                if (!s.isOpen()) {
                    closed.add(s);
                }
            }
            return closed.isEmpty() ? null : closed.get(random.nextInt(closed.size()));
        }
    }

    /** Improvement in (travel-standard breach, cost) when moving {@code a} from one site to another. */
    static long gain(Assignment a, Site from, Site to) {
        long breach = a.breachAt(from) - a.breachAt(to);
        if (breach != 0) {
            return breach > 0 ? Long.MAX_VALUE / 4 : Long.MIN_VALUE / 4;
        }
        return a.costAt(from) + a.equityCostAt(from) - a.costAt(to) - a.equityCostAt(to);
    }

    static boolean canUse(Assignment a, Site s) {
        if (a.getService() != s.getService()) {
            return false;
        }
        int[] allowed = a.allowedIndexes();
        if (allowed.length == a.getSiteTable().of(a.getService()).size()) {
            return true;
        }
        for (int k : allowed) {
            if (k == s.getServiceIndex()) {
                return true;
            }
        }
        return false;
    }
}
