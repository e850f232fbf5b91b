package org.equiplan.facilities.importers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.DemandSpec;
import org.equiplan.facilities.FacilityProblem.DistanceMethod;
import org.equiplan.facilities.FacilityProblem.DistanceSpec;
import org.equiplan.facilities.FacilityProblem.RegionSpec;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityProblem.SiteSpec;
import org.equiplan.facilities.FacilityProblem.SiteState;
import org.equiplan.problem.InvalidProblemException;

/**
 * Reads the single-source capacitated instances of Holmberg, Ronnqvist and Yuan (1999), p1 ... p71,
 * as published (see data/sscflp-holmberg/README.md): {@code J I}, then J lines {@code capacity
 * fixedCost}, then the I demands, then J rows of I costs (row i, column j: the cost of serving all of
 * customer j's demand from facility i). The objective is exactly the published one: fixed costs of the
 * open facilities plus the assignment costs, equity off, no travel standard.
 */
public final class Holmberg {

    private Holmberg() {}

    public static FacilityProblem read(String text, String name) {
        Tokens t = new Tokens(text);
        int facilities = t.nextInt("facility count");
        int customers = t.nextInt("customer count");
        if (facilities < 1 || customers < 1) {
            throw new InvalidProblemException(
                    "header", "expected 'facilities customers', both >= 1, got " + facilities + " " + customers);
        }
        List<SiteSpec> sites = new ArrayList<>();
        for (int i = 0; i < facilities; i++) {
            double capacity = t.nextLong("capacity of facility " + (i + 1));
            double fixed = t.nextDouble("fixed cost of facility " + (i + 1));
            sites.add(new SiteSpec(
                    "f" + (i + 1),
                    null,
                    "facility",
                    "all",
                    null,
                    null,
                    null,
                    null,
                    capacity,
                    fixed,
                    SiteState.CANDIDATE));
        }
        List<DemandSpec> demands = new ArrayList<>();
        for (int j = 0; j < customers; j++) {
            double demand = t.nextLong("demand of customer " + (j + 1));
            demands.add(new DemandSpec(
                    "c" + (j + 1), null, "all", null, null, null, null, Map.of("facility", demand), null));
        }
        List<List<Double>> costs = new ArrayList<>();
        for (int i = 0; i < facilities; i++) {
            List<Double> row = new ArrayList<>(customers);
            for (int j = 0; j < customers; j++) {
                row.add(t.nextDouble("cost of customer " + (j + 1) + " at facility " + (i + 1)));
            }
            costs.add(row);
        }
        if (!t.atEnd()) {
            throw new InvalidProblemException(
                    "end of file",
                    t.remaining() + " numbers after the last cost: is this "
                            + "a Holmberg file (J I, capacities and fixed costs, demands, then one row of costs per facility)?");
        }
        return new FacilityProblem(
                FacilityProblem.KIND,
                name,
                "Holmberg et al. single-source capacitated instance: " + facilities + " facilities, " + customers
                        + " customers",
                "Holmberg, Ronnqvist and Yuan (1999), EJOR 113(3); files as in Oscar-Oliveira/OR-Datasets",
                List.of(new ServiceSpec("facility", "facility", null, null)),
                List.of(new RegionSpec("all", "all customers", false)),
                demands,
                sites,
                new DistanceSpec(DistanceMethod.NONE, null, null),
                costs,
                null,
                OrLibrary.noEquity());
    }
}
