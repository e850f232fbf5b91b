package org.equiplan.funds.earmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.equiplan.funds.domain.CategoryShare;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.RegionAllocation;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Sets some category shares and the totals of their regions at once, so that every region's total stays the sum
 * of its shares: a shift of k units of one category from region a to region b (both totals change), or an
 * exchange in which a and b trade k units of two categories (totals unchanged).
 */
final class ShareMove extends AbstractMove<FundsPlan> {

    private final List<CategoryShare> shares;
    private final List<Long> shareUnits;
    private final List<RegionAllocation> regions;
    private final List<Long> regionUnits;

    ShareMove(
            List<CategoryShare> shares, List<Long> shareUnits, List<RegionAllocation> regions, List<Long> regionUnits) {
        this.shares = shares;
        this.shareUnits = shareUnits;
        this.regions = regions;
        this.regionUnits = regionUnits;
    }

    /** k units of a category from {@code from}'s share to {@code to}'s (the same category), totals following. */
    static ShareMove shift(CategoryShare from, CategoryShare to, long k) {
        RegionAllocation a = from.getRegion();
        RegionAllocation b = to.getRegion();
        return new ShareMove(
                List.of(from, to),
                List.of(from.getUnits() - k, to.getUnits() + k),
                List.of(a, b),
                List.of(a.getUnits() - k, b.getUnits() + k));
    }

    /**
     * Region a gives k units of category c ({@code ac}) and takes k of d ({@code ad}); region b the other way
     * ({@code bc}, {@code bd}): both budgets and both totals are kept.
     */
    static ShareMove exchange(CategoryShare ac, CategoryShare ad, CategoryShare bc, CategoryShare bd, long k) {
        return new ShareMove(
                List.of(ac, ad, bc, bd),
                List.of(ac.getUnits() - k, ad.getUnits() + k, bc.getUnits() + k, bd.getUnits() - k),
                List.of(),
                List.of());
    }

    @Override
    public boolean isMoveDoable(ScoreDirector<FundsPlan> scoreDirector) {
        for (int i = 0; i < shares.size(); i++) {
            if (!shareUnits.get(i).equals(shares.get(i).getUnits())) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ShareMove createUndoMove(ScoreDirector<FundsPlan> scoreDirector) {
        List<Long> shareBefore = new ArrayList<>();
        for (CategoryShare s : shares) {
            shareBefore.add(s.getUnits());
        }
        List<Long> regionBefore = new ArrayList<>();
        for (RegionAllocation r : regions) {
            regionBefore.add(r.getUnits());
        }
        return new ShareMove(shares, shareBefore, regions, regionBefore);
    }

    @Override
    protected void doMoveOnGenuineVariables(ScoreDirector<FundsPlan> scoreDirector) {
        for (int i = 0; i < shares.size(); i++) {
            CategoryShare s = shares.get(i);
            scoreDirector.beforeVariableChanged(s, "units");
            s.setUnits(shareUnits.get(i));
            scoreDirector.afterVariableChanged(s, "units");
        }
        for (int i = 0; i < regions.size(); i++) {
            RegionAllocation r = regions.get(i);
            scoreDirector.beforeVariableChanged(r, "units");
            r.setUnits(regionUnits.get(i));
            scoreDirector.afterVariableChanged(r, "units");
        }
    }

    @Override
    public ShareMove rebase(ScoreDirector<FundsPlan> destination) {
        return new ShareMove(
                rebaseList(shares, destination), shareUnits, rebaseList(regions, destination), regionUnits);
    }

    @Override
    public Collection<? extends Object> getPlanningEntities() {
        List<Object> all = new ArrayList<>(shares);
        all.addAll(regions);
        return all;
    }

    @Override
    public Collection<? extends Object> getPlanningValues() {
        List<Object> all = new ArrayList<>(shareUnits);
        all.addAll(regionUnits);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShareMove other
                && shares.equals(other.shares)
                && shareUnits.equals(other.shareUnits)
                && regions.equals(other.regions)
                && regionUnits.equals(other.regionUnits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shares, shareUnits, regions, regionUnits);
    }

    @Override
    public String toString() {
        return "ShareMove" + shares + " -> " + shareUnits + ", " + regions + " -> " + regionUnits;
    }
}
