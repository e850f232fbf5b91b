package org.equiplan.funds.solver;

import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random shifts of k units from one region to another (k a power of two, so that both large and
 * fine corrections are tried), within floors, caps and group caps; and now and then a single
 * region's change, so that an unspent or overspent total can be corrected.
 */
public class FundsMoveFactory implements MoveIteratorFactory<FundsPlan, UnitsMove> {

    @Override
    public long getSize(ScoreDirector<FundsPlan> scoreDirector) {
        long n = scoreDirector.getWorkingSolution().getAllocations().size();
        return n * n;
    }

    @Override
    public Iterator<UnitsMove> createOriginalMoveIterator(ScoreDirector<FundsPlan> scoreDirector) {
        throw new UnsupportedOperationException("Transfer moves are only selected at random.");
    }

    @Override
    public Iterator<UnitsMove> createRandomMoveIterator(ScoreDirector<FundsPlan> scoreDirector, Random random) {
        List<RegionAllocation> regions = scoreDirector.getWorkingSolution().getAllocations();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !regions.isEmpty();
            }

            @Override
            public UnitsMove next() {
                RegionAllocation a = regions.get(random.nextInt(regions.size()));
                if (regions.size() == 1 || random.nextInt(10) == 0) {
                    long range = a.getUpper() - a.getLower();
                    long k = power(random, range);
                    long target = random.nextBoolean()
                            ? Math.min(a.getUpper(), a.getUnits() + k)
                            : Math.max(a.getLower(), a.getUnits() - k);
                    return new UnitsMove(List.of(a), List.of(target));
                }
                RegionAllocation b = regions.get(random.nextInt(regions.size()));
                long room = Math.min(a.getUnits() - a.getLower(), b.getUpper() - b.getUnits());
                if (b.getGroup() != a.getGroup()
                        && b.getGroup() != null
                        && b.getGroup().hasCap()) {
                    room = Math.min(room, b.getGroup().capUnits() - groupTotal(regions, b.getGroup()));
                }
                return UnitsMove.shift(a, b, a == b || room <= 0 ? 0 : power(random, room));
            }
        };
    }

    /** A random power of two up to {@code max} (at least 1). */
    static long power(Random random, long max) {
        if (max <= 1) {
            return Math.max(0, max);
        }
        int bits = 63 - Long.numberOfLeadingZeros(max);
        return 1L << random.nextInt(bits + 1);
    }

    private static long groupTotal(List<RegionAllocation> regions, Group group) {
        long total = 0;
        for (RegionAllocation r : regions) {
            if (r.getGroup() == group) {
                total += r.getUnits();
            }
        }
        return total;
    }
}
