package org.equiplan.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equiplan.solve.PlanningModel.Figure;

/**
 * The efficient points of a sweep: those no other point beats on every figure of the trade-off (the Pareto
 * front). The trade-off is the kind's first figure (what a plan costs) and its first later figure that every
 * answered point has (what it achieves).
 */
public final class TradeOff {

    private TradeOff() {}

    /** The figures of the trade-off, given every answered point's values. */
    public static List<Figure> of(List<Figure> figures, int size, List<Map<String, Double>> values) {
        List<Figure> out = new ArrayList<>();
        for (Figure f : figures) {
            if (out.size() == size) {
                break;
            }
            if (!values.isEmpty() && values.stream().allMatch(v -> v.get(f.name()) != null)) {
                out.add(f);
            }
        }
        return out;
    }

    /** For each point (null values: not answered), whether it is on the front of these figures. */
    public static boolean[] efficient(List<Figure> tradeOff, List<Map<String, Double>> values) {
        boolean[] out = new boolean[values.size()];
        if (tradeOff.isEmpty()) {
            return out;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < values.size() && !dominated; j++) {
                if (j != i && values.get(j) != null && dominates(tradeOff, values.get(j), values.get(i))) {
                    dominated = true;
                }
            }
            out[i] = !dominated;
        }
        return out;
    }

    /** a is at least as good as b on every figure and better on one. */
    static boolean dominates(List<Figure> tradeOff, Map<String, Double> a, Map<String, Double> b) {
        boolean better = false;
        for (Figure f : tradeOff) {
            double x = a.get(f.name());
            double y = b.get(f.name());
            double gain = f.higherIsBetter() ? x - y : y - x;
            if (gain < -1e-12 * Math.max(1, Math.abs(y))) {
                return false;
            }
            if (gain > 1e-12 * Math.max(1, Math.abs(y))) {
                better = true;
            }
        }
        return better;
    }
}
