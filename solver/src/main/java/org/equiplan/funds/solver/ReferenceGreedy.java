package org.equiplan.funds.solver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.equiplan.funds.domain.FundsPlan;
import org.equiplan.funds.domain.Group;
import org.equiplan.funds.domain.RegionAllocation;

/**
 * The textbook greedy, one unit at a time to the region whose next unit raises the objective least,
 * within floors, caps and group caps. Exact but slow (one heap operation per unit): kept as the
 * independent yardstick that tests and benchmarks hold {@link WaterFilling} against.
 */
public final class ReferenceGreedy {

    private ReferenceGreedy() {}

    public static long[] allocate(FundsPlan plan) {
        List<RegionAllocation> rs = plan.getAllocations();
        long[] units = new long[rs.size()];
        Map<Group, Long> used = new HashMap<>();
        long placed = 0;
        for (int i = 0; i < units.length; i++) {
            units[i] = rs.get(i).getLower();
            placed += units[i];
            if (rs.get(i).getGroup() != null) {
                used.merge(rs.get(i).getGroup(), units[i], Long::sum);
            }
        }
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) ->
                Double.compare(rs.get(a).marginalCost(units[a]), rs.get(b).marginalCost(units[b])));
        for (int i = 0; i < units.length; i++) {
            if (units[i] < rs.get(i).getUpper()) {
                heap.add(i);
            }
        }
        while (placed < plan.getRules().placeableUnits() && !heap.isEmpty()) {
            int i = heap.poll();
            Group g = rs.get(i).getGroup();
            if (g != null && g.hasCap() && used.getOrDefault(g, 0L) >= g.capUnits()) {
                continue;
            }
            units[i]++;
            placed++;
            if (g != null) {
                used.merge(g, 1L, Long::sum);
            }
            if (units[i] < rs.get(i).getUpper()) {
                heap.add(i);
            }
        }
        return units;
    }
}
