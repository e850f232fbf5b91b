package org.equiplan.funds.earmark;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equiplan.funds.domain.CategoryFund;
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
        int years = plan.getYears().size();
        int funds = plan.getFunds().size();
        int categories = funds / years;
        // Funds by position in the plan's list (year-major), shares by fund and by cell, and each cell by region
        // and year (for moves along the years).
        Map<CategoryFund, Integer> position = new IdentityHashMap<>();
        for (int f = 0; f < funds; f++) {
            position.put(plan.getFunds().get(f), f);
        }
        List<List<CategoryShare>> byFund = new ArrayList<>();
        for (int f = 0; f < funds; f++) {
            byFund.add(new ArrayList<>());
        }
        Map<RegionAllocation, CategoryShare[]> byRegion = new IdentityHashMap<>();
        for (CategoryShare s : plan.getShares()) {
            byFund.get(position.get(s.getFund())).add(s);
            byRegion.computeIfAbsent(s.getRegion(), r -> new CategoryShare[categories])[
                    s.getFund().index()] = s;
        }
        List<RegionAllocation> regions = plan.getAllocations();
        int perYear = regions.size() / years;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !plan.getShares().isEmpty();
            }

            @Override
            public ShareMove next() {
                int f = random.nextInt(funds);
                List<CategoryShare> fund = byFund.get(f);
                if (random.nextInt(16) == 0) {
                    ShareMove fill = fill(fund, plan.getFunds().get(f).units());
                    if (fill != null) {
                        return fill;
                    }
                }
                int kind = random.nextInt(years > 1 ? 10 : 6);
                if (kind >= 6) {
                    ShareMove along =
                            kind == 6 || kind == 7 ? alongYears(fund) : kind == 8 ? overYears(fund) : mendYearOnYear();
                    if (along != null) {
                        return along;
                    }
                } else if (kind <= 1 && categories > 1) {
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
                CategoryShare bd = draw(byFund.get(position.get(md.getFund())), true);
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

            /**
             * Region a moves k units of a category from its year to another while region b moves k of the same
             * category the other way: every year's category budgets are kept and a's and b's paths over the years
             * change shape (what the year-on-year limits restrict).
             */
            private ShareMove alongYears(List<CategoryShare> fund) {
                CategoryShare a = draw(fund, true);
                RegionAllocation aHere = a.getRegion();
                int other = random.nextInt(years - 1);
                if (other >= aHere.getYear()) {
                    other++;
                }
                int c = a.getFund().index();
                RegionAllocation aThere = regions.get(other * perYear + aHere.getRegionIndex());
                CategoryShare aLater = byRegion.get(aThere)[c];
                CategoryShare bThere = draw(byFund.get(other * categories + c), true);
                RegionAllocation bCellThere = bThere.getRegion();
                RegionAllocation bHere = regions.get(aHere.getYear() * perYear + bCellThere.getRegionIndex());
                CategoryShare bNow = byRegion.get(bHere)[c];
                if (aLater == null || bNow == null || bHere == aHere) {
                    return null;
                }
                long room = Math.min(
                        Math.min(a.getUnits(), bThere.getUnits()),
                        Math.min(
                                Math.min(aHere.getUnits() - aHere.getLower(), aThere.getUpper() - aThere.getUnits()),
                                Math.min(
                                        bCellThere.getUnits() - bCellThere.getLower(),
                                        bHere.getUpper() - bHere.getUnits())));
                if (room <= 0) {
                    return null;
                }
                long k = FundsMoveFactory.power(random, room);
                return new ShareMove(
                        List.of(a, aLater, bThere, bNow),
                        List.of(a.getUnits() - k, aLater.getUnits() + k, bThere.getUnits() - k, bNow.getUnits() + k),
                        List.of(aHere, aThere, bCellThere, bHere),
                        List.of(
                                aHere.getUnits() - k,
                                aThere.getUnits() + k,
                                bCellThere.getUnits() - k,
                                bHere.getUnits() + k));
            }

            /**
             * The same k units of a category from region a to region b in a run of consecutive years: the limits
             * hold each region's path, so a shift that lasts is often the only one they let through.
             */
            private ShareMove overYears(List<CategoryShare> fund) {
                CategoryShare a = draw(fund, true);
                CategoryShare b = draw(fund, false);
                int c = a.getFund().index();
                int i = a.getRegion().getRegionIndex();
                int j = b.getRegion().getRegionIndex();
                if (i == j) {
                    return null;
                }
                int first = random.nextInt(years);
                int last = first + random.nextInt(years - first);
                List<CategoryShare> shares = new ArrayList<>();
                List<RegionAllocation> cells = new ArrayList<>();
                long room = Long.MAX_VALUE;
                for (int y = first; y <= last; y++) {
                    RegionAllocation from = regions.get(y * perYear + i);
                    RegionAllocation to = regions.get(y * perYear + j);
                    CategoryShare give = byRegion.get(from)[c];
                    CategoryShare take = byRegion.get(to)[c];
                    if (give == null || take == null) {
                        return null;
                    }
                    room = Math.min(
                            room,
                            Math.min(
                                    give.getUnits(),
                                    Math.min(from.getUnits() - from.getLower(), to.getUpper() - to.getUnits())));
                    shares.add(give);
                    shares.add(take);
                    cells.add(from);
                    cells.add(to);
                }
                if (room <= 0) {
                    return null;
                }
                long k = FundsMoveFactory.power(random, room);
                List<Long> shareUnits = new ArrayList<>();
                List<Long> cellUnits = new ArrayList<>();
                for (int t = 0; t < shares.size(); t++) {
                    shareUnits.add(shares.get(t).getUnits() + (t % 2 == 0 ? -k : k));
                    cellUnits.add(cells.get(t).getUnits() + (t % 2 == 0 ? -k : k));
                }
                return new ShareMove(shares, shareUnits, cells, cellUnits);
            }

            /**
             * Finds a region whose sum breaks a year-on-year limit (a few random looks) and moves that year's sum
             * towards the limit: units of one of its categories to, or from, another region of the same year.
             */
            private ShareMove mendYearOnYear() {
                for (int look = 0; look < 32; look++) {
                    int y = 1 + random.nextInt(years - 1);
                    RegionAllocation before = regions.get((y - 1) * perYear + random.nextInt(perYear));
                    RegionAllocation now = regions.get(y * perYear + before.getRegionIndex());
                    var limits = now.getCoupling();
                    if (limits == null) {
                        return null;
                    }
                    long most = limits.most(before.getUnits());
                    long least = limits.least(before.getUnits());
                    long change = now.getUnits() > most
                            ? most - now.getUnits()
                            : now.getUnits() < least ? least - now.getUnits() : 0;
                    if (change == 0) {
                        continue;
                    }
                    CategoryShare own = byRegion.get(now)[random.nextInt(categories)];
                    if (own == null) {
                        continue;
                    }
                    CategoryShare other = draw(byFund.get(position.get(own.getFund())), change > 0);
                    if (other.getRegion() == now) {
                        continue;
                    }
                    long k = change < 0 ? Math.min(-change, own.getUnits()) : Math.min(change, other.getUnits());
                    if (k <= 0) {
                        continue;
                    }
                    return change < 0 ? ShareMove.shift(own, other, k) : ShareMove.shift(other, own, k);
                }
                return null;
            }

            /**
             * Units of a category not yet placed (a start that the limits kept short) go to the lowest-covered of a
             * few drawn regions with room; null when the category is placed in full.
             */
            private ShareMove fill(List<CategoryShare> fund, long budget) {
                long placed = 0;
                for (CategoryShare s : fund) {
                    placed += s.getUnits();
                }
                CategoryShare to = draw(fund, false);
                RegionAllocation cell = to.getRegion();
                long room = Math.min(budget - placed, cell.getUpper() - cell.getUnits());
                if (room <= 0) {
                    return null;
                }
                long k = FundsMoveFactory.power(random, room);
                return new ShareMove(
                        List.of(to), List.of(to.getUnits() + k), List.of(cell), List.of(cell.getUnits() + k));
            }

            /** Region a trades k units of category c for k of d with region b. */
            private ShareMove exchange(List<CategoryShare> fund) {
                CategoryShare ac = draw(fund, true);
                CategoryShare[] aShares = byRegion.get(ac.getRegion());
                CategoryShare ad = aShares[random.nextInt(categories)];
                if (ad == null || ad == ac) {
                    return null;
                }
                List<CategoryShare> other = byFund.get(position.get(ad.getFund()));
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
