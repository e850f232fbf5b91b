package org.equiplan.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equiplan.solve.PlanningModel.Figure;
import org.junit.jupiter.api.Test;

class TradeOffTest {

    private static final Figure COST = new Figure("cost", "cost", false);
    private static final Figure SHARE = new Figure("share", "share", true);
    private static final Figure MISSING = new Figure("missing", "missing", true);

    private static Map<String, Double> point(double cost, double share) {
        Map<String, Double> m = new HashMap<>();
        m.put("cost", cost);
        m.put("share", share);
        m.put("missing", null);
        return m;
    }

    @Test
    void theFrontKeepsEveryPointNoOtherBeatsOnBothFigures() {
        List<Map<String, Double>> points = Arrays.asList(
                point(10, 0.50), // cheapest
                point(20, 0.80),
                point(25, 0.70), // dominated by (20, 0.80)
                point(30, 0.95),
                null, // not answered yet
                point(30, 0.95)); // equal to another: neither beats it
        List<Figure> tradeOff = TradeOff.of(
                List.of(COST, MISSING, SHARE),
                2,
                points.stream().filter(p -> p != null).toList());
        assertThat(tradeOff).containsExactly(COST, SHARE); // a figure some point lacks is skipped
        assertThat(TradeOff.efficient(tradeOff, points)).containsExactly(true, true, false, true, false, true);
    }

    @Test
    void withNoAnsweredPointThereIsNoTradeOff() {
        assertThat(TradeOff.of(List.of(COST, SHARE), 2, List.of())).isEmpty();
        assertThat(TradeOff.efficient(List.of(), Arrays.asList(null, null))).containsExactly(false, false);
    }
}
