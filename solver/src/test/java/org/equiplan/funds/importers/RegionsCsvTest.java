package org.equiplan.funds.importers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.equiplan.funds.FundsProblem;
import org.equiplan.funds.FundsValidator;
import org.equiplan.problem.FieldError;
import org.equiplan.problem.InvalidProblemException;
import org.junit.jupiter.api.Test;

class RegionsCsvTest {

    @Test
    void quotedCommasAByteOrderMarkAndChineseNamesAreRead() {
        String csv = "\uFEFFid,name,population,standardRevenue,standardExpenditure,group\n"
                + "a,\"Anxian, north\",1000,50,100,g1\n"
                + "b,白河县,2000,80,300,\n";
        FundsProblem p = RegionsCsv.read(csv, "counties.csv", 400.0, 10.0);
        assertThat(p.name()).isEqualTo("counties.csv");
        assertThat(p.regions()).hasSize(2);
        assertThat(p.regions().get(0).name()).isEqualTo("Anxian, north");
        assertThat(p.regions().get(0).group()).isEqualTo("g1");
        assertThat(p.regions().get(1).name()).isEqualTo("白河县");
        assertThat(p.regions().get(1).group()).isNull();
        assertThat(p.regions().get(1).standardExpenditure()).isEqualTo(300.0);
        assertThat(FundsValidator.validate(p)).isEmpty();
    }

    @Test
    void everyBadCellIsNamedByLineAndColumnAndTheBudgetIsRequired() {
        String csv = "id,name,population,standardRevenue,standardExpenditure\n"
                + "a,A,1000,50,100\n"
                + "b,B,abc,80,\n"
                + ",C,10,1,2\n";
        assertThatThrownBy(() -> RegionsCsv.read(csv, "x", null, null))
                .isInstanceOf(InvalidProblemException.class)
                .satisfies(e -> assertThat(((InvalidProblemException) e).errors())
                        .extracting(FieldError::toString)
                        .containsExactly(
                                "budget: is required: the total to allocate, in the same unit as the amounts",
                                "line 3, population: 'abc' is not a number",
                                "line 3, standardExpenditure: is empty",
                                "line 4, id: is empty"));
        assertThatThrownBy(() -> RegionsCsv.read("id,name\na,A\n", "x", 1.0, 1.0))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("missing column 'population'");
    }
}
