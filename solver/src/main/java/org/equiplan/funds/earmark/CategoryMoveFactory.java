package org.equiplan.funds.earmark;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;
import org.equiplan.funds.solver.FundsMoveFactory;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random moves of an earmarked plan: mostly shifts of k units of one category between two regions, from the
 * higher-covered of a few drawn shares to the lower-covered of a few others (k a power of two, within the
 * regions' ranges and group caps), and now and then an exchange of two categories between two regions, which
 * keeps both totals, or a chain through a third region that passes one category on and takes another (what
 * regions held at a floor or cap need).
 */
public class CategoryMoveFactory implements MoveIteratorFactory<FundsPlan, ShareMove> {

    /** Shares drawn for each end of a shift; the best-placed of them is taken. */
    private static final int DRAWS = 3;

    @Override
    public long getSize(ScoreDirector<FundsPlan> scoreDirector) {
        long n = scoreDirector.getWorkingSolution().getShares().size();
        return n * n;
    }

    @Override
    public Iterator<ShareMove> createOriginalMoveIterator(ScoreDirector<FundsPlan> scoreDirector) {
        throw new UnsupportedOperationException("Earmarked moves are only selected at random.");
    }

    @Override
    public Iterator<ShareMove> createRandomMoveIterator(ScoreDirector<FundsPlan> scoreDirector, Random random) {
        FundsPlan plan = scoreDirector.getWorkingSolution();
        int categories = plan.getFunds().size();
        List<List<CategoryShare>> byFund = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            byFund.add(new ArrayList<>());
        }
        Map<RegionAllocation, CategoryShare[]> byRegion = new IdentityHashMap<>();
        for (CategoryShare s : plan.getShares()) {
            byFund.get(s.getFund().index()).add(s);
            byRegion.computeIfAbsent(s.getRegion(), r -> new CategoryShare[categories])[
                    s.getFund().index()] = s;
        }
        List<RegionAllocation> regions = plan.getAllocations();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !plan.getShares().isEmpty();
            }

            @Override
            public ShareMove next() {
                List<CategoryShare> fund = byFund.get(random.nextInt(categories));
                int kind = categories > 1 ? random.nextInt(6) : 5;
                if (kind <= 1) {
                    ShareMove exchange = kind == 0 ? exchange(fund) : chain(fund);
                    if (exchange != null) {
                        return exchange;
                    }
                }
                CategoryShare from = draw(fund, true);
                CategoryShare to = draw(fund, false);
                RegionAllocation a = from.getRegion();
                RegionAllocation b = to.getRegion();
                long room =
                        Math.min(from.getUnits(), Math.min(a.getUnits() - a.getLower(), b.getUpper() - b.getUnits()));
                Group g = b.getGroup();
                if (g != a.getGroup() && g != null && g.hasCap()) {
                    room = Math.min(room, g.capUnits() - FundsMoveFactory.groupTotal(regions, g));
                }
                return ShareMove.shift(from, to, a == b || room <= 0 ? 0 : FundsMoveFactory.power(random, room));
            }

            /** The highest-covered (to give) or lowest-covered (to take) of a few random shares of one category. */
            private CategoryShare draw(List<CategoryShare> fund, boolean giver) {
                CategoryShare best = null;
                for (int k = 0; k < DRAWS; k++) {
                    CategoryShare s = fund.get(random.nextInt(fund.size()));
                    if (giver && s.getUnits() == 0) {
                        continue;
                    }
                    if (best == null || (giver ? s.coverage() > best.coverage() : s.coverage() < best.coverage())) {
                        best = s;
                    }
                }
                return best == null ? fund.get(random.nextInt(fund.size())) : best;
            }

            /**
             * A shift through a third region: m gives k units of category c to a and takes k of category d from b,
             * so m's total is kept (what a region held at its floor or cap can still do) while a's grows and b's
             * shrinks.
             */
            private ShareMove chain(List<CategoryShare> fund) {
                CategoryShare mc = draw(fund, true);
                CategoryShare ac = draw(fund, false);
                CategoryShare md = byRegion.get(mc.getRegion())[random.nextInt(categories)];
                if (md == null || md == mc || ac.getRegion() == mc.getRegion()) {
                    return null;
                }
                CategoryShare bd = draw(byFund.get(md.getFund().index()), true);
                RegionAllocation a = ac.getRegion();
                RegionAllocation b = bd.getRegion();
                if (b == mc.getRegion() || b == a) {
                    return null;
                }
                long room = Math.min(
                        Math.min(mc.getUnits(), bd.getUnits()),
                        Math.min(a.getUpper() - a.getUnits(), b.getUnits() - b.getLower()));
                if (room <= 0) {
                    return null;
                }
                long k = FundsMoveFactory.power(random, room);
                return new ShareMove(
                        List.of(mc, ac, md, bd),
                        List.of(mc.getUnits() - k, ac.getUnits() + k, md.getUnits() + k, bd.getUnits() - k),
                        List.of(a, b),
                        List.of(a.getUnits() + k, b.getUnits() - k));
            }

            /** Region a trades k units of category c for k of d with region b. */
            private ShareMove exchange(List<CategoryShare> fund) {
                CategoryShare ac = draw(fund, true);
                CategoryShare[] aShares = byRegion.get(ac.getRegion());
                CategoryShare ad = aShares[random.nextInt(categories)];
                if (ad == null || ad == ac) {
                    return null;
                }
                List<CategoryShare> other = byFund.get(ad.getFund().index());
                CategoryShare bd = draw(other, true);
                CategoryShare bc = byRegion.get(bd.getRegion())[ac.getFund().index()];
                if (bc == null || bd.getRegion() == ac.getRegion()) {
                    return null;
                }
                long room = Math.min(ac.getUnits(), bd.getUnits());
                return room <= 0 ? null : ShareMove.exchange(ac, ad, bc, bd, FundsMoveFactory.power(random, room));
            }
        };
    }
}
