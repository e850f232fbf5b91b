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

    /** With categories from the caller, standard expenditure is built from prefixed columns and may be left out. */
    @Test
    void categoryInputsComeAsPrefixedColumns() {
        var categories = java.util.List.of(new FundsProblem.CategorySpec(
                "education", "教育", java.util.Map.of("children", 10_000.0, "residents", 100.0), null));
        String csv = "id,name,population,standardRevenue,people:children,coefficient:heating,satisfaction:education,"
                + "basicNeed\n"
                + "a,Anxian,1000,1000000,200,1.1,0.9,1200000\n"
                + "b,白河县,2000,800000,500,,,\n";
        FundsProblem p = RegionsCsv.read(csv, "counties.csv", 4_000_000.0, 1000.0, categories);
        assertThat(FundsValidator.validate(p)).isEmpty();
        assertThat(p.regions().get(0).populationByGroup()).containsEntry("children", 200.0);
        assertThat(p.regions().get(0).costCoefficients()).containsEntry("heating", 1.1);
        assertThat(p.regions().get(0).satisfaction()).containsEntry("education", 0.9);
        assertThat(p.regions().get(0).basicNeed()).isEqualTo(1_200_000.0);
        assertThat(p.regions().get(1).costCoefficients()).isNull();
        // a: (200 x 10,000 + 1,000 x 100) x 1.1 = 2,310,000.
        assertThat(org.equiplan.funds.expenditure.StandardExpenditure.of(p)
                        .get(0)
                        .total())
                .isCloseTo(2_310_000, org.assertj.core.api.Assertions.within(1e-6));
        // Earmarked categories bring their budgets: the problem's budget is their total when none is given.
        var earmarked = java.util.List.of(
                new FundsProblem.CategorySpec(
                        "education", "教育", java.util.Map.of("children", 10_000.0), null, 3_000_000.0),
                new FundsProblem.CategorySpec(
                        "administration", null, java.util.Map.of("residents", 300.0), null, 1_000_000.0));
        FundsProblem split = RegionsCsv.read(csv, "counties.csv", null, 1000.0, earmarked);
        assertThat(split.budget()).isEqualTo(4_000_000.0);
        assertThat(split.earmarked()).isTrue();
        assertThat(FundsValidator.validate(split)).isEmpty();
        assertThatThrownBy(() -> RegionsCsv.read(csv, "counties.csv", null, 1000.0, categories))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("budget");
        assertThatThrownBy(() -> RegionsCsv.read(
                        "id,population,standardRevenue,people:children\na,10,1,many\n", "x", 1.0, 1.0, categories))
                .isInstanceOf(InvalidProblemException.class)
                .hasMessageContaining("line 2, people:children: 'many' is not a number");
    }
}
