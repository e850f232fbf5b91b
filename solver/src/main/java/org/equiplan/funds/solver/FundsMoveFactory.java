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
                int years = scoreDirector.getWorkingSolution().getYears().size();
                int perYear = regions.size() / years;
                if (years > 1 && a.getCoupling() != null) {
                    int kind = random.nextInt(5);
                    if (kind == 0) {
                        return alongYears(regions, a, perYear, years, random);
                    }
                    if (kind == 1) {
                        return overYears(regions, a, perYear, years, random);
                    }
                    if (kind == 2) {
                        UnitsMove mend = mendYearOnYear(regions, perYear, years, random);
                        if (mend != null) {
                            return mend;
                        }
                    }
                }
                // Shifts stay within a year, so that every year's total is kept.
                RegionAllocation b = regions.get(a.getYear() * perYear + random.nextInt(perYear));
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

    /**
     * Region a moves k units from its year to another while a second region moves k the other way: every
     * year's total is kept and a's path over the years changes shape (what the year-on-year limits restrict).
     */
    static UnitsMove alongYears(
            List<RegionAllocation> regions, RegionAllocation a, int perYear, int years, Random random) {
        int other = random.nextInt(years - 1);
        if (other >= a.getYear()) {
            other++;
        }
        RegionAllocation aOther = regions.get(other * perYear + a.getRegionIndex());
        int j = random.nextInt(perYear);
        RegionAllocation b = regions.get(a.getYear() * perYear + j);
        RegionAllocation bOther = regions.get(other * perYear + j);
        long room = Math.min(
                Math.min(a.getUnits() - a.getLower(), aOther.getUpper() - aOther.getUnits()),
                Math.min(b.getUpper() - b.getUnits(), bOther.getUnits() - bOther.getLower()));
        long k = j == a.getRegionIndex() || room <= 0 ? 0 : power(random, room);
        return new UnitsMove(
                List.of(a, aOther, b, bOther),
                List.of(a.getUnits() - k, aOther.getUnits() + k, b.getUnits() + k, bOther.getUnits() - k));
    }

    /**
     * The same k units from region a to region b in a run of consecutive years: the year-on-year limits hold
     * each region's path, so a shift that lasts is often the only one they let through.
     */
    static UnitsMove overYears(
            List<RegionAllocation> regions, RegionAllocation a, int perYear, int years, Random random) {
        int first = random.nextInt(years);
        int last = first + random.nextInt(years - first);
        int j = random.nextInt(perYear);
        long room = Long.MAX_VALUE;
        java.util.List<RegionAllocation> cells = new java.util.ArrayList<>();
        for (int y = first; y <= last; y++) {
            RegionAllocation from = regions.get(y * perYear + a.getRegionIndex());
            RegionAllocation to = regions.get(y * perYear + j);
            room = Math.min(room, Math.min(from.getUnits() - from.getLower(), to.getUpper() - to.getUnits()));
            cells.add(from);
            cells.add(to);
        }
        long k = j == a.getRegionIndex() || room <= 0 ? 0 : power(random, room);
        java.util.List<Long> units = new java.util.ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            units.add(cells.get(c).getUnits() + (c % 2 == 0 ? -k : k));
        }
        return new UnitsMove(cells, units);
    }

    /**
     * Finds a region whose transfer breaks a year-on-year limit (a few random looks) and closes the breach from
     * one side: this year's cell moves to the limit, or last year's moves so that the limit reaches this year's,
     * the difference going to or coming from a random region of the same year. Null when none was found.
     */
    static UnitsMove mendYearOnYear(List<RegionAllocation> regions, int perYear, int years, Random random) {
        for (int look = 0; look < 32; look++) {
            int y = 1 + random.nextInt(years - 1);
            int i = random.nextInt(perYear);
            RegionAllocation before = regions.get((y - 1) * perYear + i);
            RegionAllocation now = regions.get(y * perYear + i);
            var limits = now.getCoupling();
            long most = limits.most(before.getUnits());
            long least = limits.least(before.getUnits());
            if (now.getUnits() <= most && now.getUnits() >= least) {
                continue;
            }
            boolean fixNow = random.nextBoolean();
            RegionAllocation cell;
            long target;
            if (fixNow) {
                cell = now;
                target = now.getUnits() > most ? most : least;
            } else {
                cell = before;
                target = now.getUnits() > most
                        ? org.equiplan.funds.multiyear.YearTightening.fewestReaching(
                                limits, now.getUnits(), before.getUpper())
                        : org.equiplan.funds.multiyear.YearTightening.mostFallingTo(
                                limits, now.getUnits(), before.getLower());
            }
            target = Math.max(cell.getLower(), Math.min(cell.getUpper(), target));
            long change = target - cell.getUnits();
            if (change == 0) {
                continue;
            }
            RegionAllocation other = regions.get(cell.getYear() * perYear + random.nextInt(perYear));
            if (other == cell) {
                continue;
            }
            long room = change > 0 ? other.getUnits() - other.getLower() : other.getUpper() - other.getUnits();
            long k = Math.min(Math.abs(change), room);
            if (k <= 0) {
                continue;
            }
            long signed = change > 0 ? k : -k;
            return new UnitsMove(List.of(cell, other), List.of(cell.getUnits() + signed, other.getUnits() - signed));
        }
        return null;
    }

    /** A random power of two up to {@code max} (at least 1). */
    public static long power(Random random, long max) {
        if (max <= 1) {
            return Math.max(0, max);
        }
        int bits = 63 - Long.numberOfLeadingZeros(max);
        return 1L << random.nextInt(bits + 1);
    }

    /** Units the group's regions receive together. */
    public static long groupTotal(List<RegionAllocation> regions, Group group) {
        long total = 0;
        for (RegionAllocation r : regions) {
            if (r.getGroup() == group) {
                total += r.getUnits();
            }
        }
        return total;
    }
}
