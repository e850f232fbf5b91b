package org.equiplan.facilities.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.equiplan.facilities.FacilityAnswer;
import org.equiplan.facilities.FacilityModel;
import org.equiplan.facilities.FacilityProblem;
import org.equiplan.facilities.FacilityProblem.ServiceSpec;
import org.equiplan.facilities.FacilityValidator;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.equiplan.solve.SolveOptions;
import org.junit.jupiter.api.Test;

class PlacesCsvTest {

    private static final String VILLAGES = "\uFEFFid,name,region,lat,lon,rural,school\n"
            + "v1,上村,r1,29.50,113.90,true,30\n"
            + "v2,\"Xia, lower\",r1,29.52,113.92,true,50\n"
            + "v3,Town,r2,29.60,114.00,false,40\n";
    private static final String SITES = "id,name,service,region,lat,lon,capacity,openingCost,state\n"
            + "s1,Central school,school,r1,29.51,113.91,100,1000,existing\n"
            + "s2,\"New school, east\",school,r2,29.60,114.00,100,1500,candidate\n";

    @Test
    void villagesAndSitesBecomeAProblemThatSolves() {
        FacilityProblem p =
                PlacesCsv.read(VILLAGES, SITES, List.of(new ServiceSpec("school", null, 10.0, null)), "county");
        assertThat(FacilityValidator.validate(p)).isEmpty();
        assertThat(p.regions()).extracting(FacilityProblem.RegionSpec::id).containsExactly("r1", "r2");
        assertThat(p.regions().get(1).rural()).isFalse();
        assertThat(p.demands().get(1).name()).isEqualTo("Xia, lower");
        assertThat(p.sites().get(1).name()).isEqualTo("New school, east");
        assertThat(p.distances().method()).isEqualTo(FacilityProblem.DistanceMethod.HAVERSINE);
        FacilityAnswer a = new FacilityModel().solve(p, new SolveOptions(1, null, null, 0), x -> {});
        assertThat(a.feasible()).isTrue();
        assertThat(a.assignments()).hasSize(3);
    }

    @Test
    void everyBadCellIsNamedByFileLineAndColumn() {
        String villages = "id,region,lat,lon\nv1,r1,north,113.9\n";
        String sites = "id,service,lat,lon,state\ns1,school,29.5,113.9,shut\n";
        assertThatThrownBy(
                        () -> PlacesCsv.read(villages, sites, List.of(new ServiceSpec("school", null, 5.0, null)), "x"))
                .isInstanceOf(InvalidProblemException.class)
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .extracting(FieldError::toString)
                        .containsExactly(
                                "villages: missing column 'school' (demand for service school)",
                                "villages line 2, lat: 'north' is not a number",
                                "sites line 2, state: 'shut' is not one of candidate, existing, required, closed"));
    }
}
