package org.equiplan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equiplan.facilities.importers.Chongyang;
import org.equiplan.facilities.importers.Holmberg;
import org.equiplan.facilities.importers.OrLibrary;
import org.equiplan.funds.importers.Counties;
import org.equiplan.funds.importers.Provinces;
import org.equiplan.problem.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Turn other formats into problem JSON (stdout or --out).",
        subcommands = {
            ImportCommand.OrlibCap.class,
            ImportCommand.OrlibPmed.class,
            ImportCommand.HolmbergFile.class,
            ImportCommand.ChongyangPlaces.class,
            ImportCommand.CnProvinces.class,
            ImportCommand.RegionsFile.class,
            ImportCommand.Places.class,
            ImportCommand.GenerateCounties.class
        })
class ImportCommand {

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Every import: builds a problem and writes it as JSON to {@code --out} or stdout. */
    abstract static class Importer implements Callable<Integer> {
        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract Object problem() throws Exception;

        /** Writes the problem and says, on stderr, what it wrote and where. */
        @Override
        public Integer call() throws Exception {
            String json = Json.write(problem());
            Files.write(out, json, System.out);
            spec.commandLine()
                    .getErr()
                    .println("wrote " + org.equiplan.solve.Models.load(json).summary() + " to "
                            + (out == null ? "standard output" : out.toString()));
            return 0;
        }
    }

    /** An import of one file. */
    abstract static class FromFile extends Importer {
        @Parameters(paramLabel = "FILE")
        Path file;
    }

    @Command(
            name = "orlib-cap",
            mixinStandardHelpOptions = true,
            description = "OR-Library capacitated warehouse location file (cap41 ... capc) to a facilities problem.")
    static class OrlibCap extends FromFile {
        @Option(names = "--capacity", description = "capacity of every warehouse (needed for capa, capb, capc)")
        Double capacity;

        @Override
        Object problem() throws Exception {
            return OrLibrary.capacitated(Files.read(file), baseName(file), capacity);
        }
    }

    @Command(
            name = "orlib-pmed",
            mixinStandardHelpOptions = true,
            description = "OR-Library p-median file (pmed1 ... pmed40) to a facilities problem.")
    static class OrlibPmed extends FromFile {
        @Override
        Object problem() throws Exception {
            return OrLibrary.pMedian(Files.read(file), baseName(file));
        }
    }

    @Command(
            name = "holmberg",
            mixinStandardHelpOptions = true,
            description = "Holmberg et al.'s single-source capacitated file (p1 ... p71) to a facilities problem.")
    static class HolmbergFile extends FromFile {
        @Override
        Object problem() throws Exception {
            return Holmberg.read(Files.read(file), baseName(file));
        }
    }

    @Command(
            name = "chongyang",
            mixinStandardHelpOptions = true,
            description =
                    "The Chongyang county places CSV to the school and clinic siting example (seeded populations).")
    static class ChongyangPlaces extends FromFile {
        @Option(
                names = "--seed",
                defaultValue = "2019",
                description = "population generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--clinic-coverage",
                paramLabel = "UPGRADES",
                description = "instead: the maximal-covering clinic problem, upgrading this many village clinics")
        Integer upgrades;

        @Option(
                names = "--radius",
                defaultValue = "4",
                description = "with --clinic-coverage: covering radius, km " + "(default: ${DEFAULT-VALUE})")
        double radius;

        @Override
        Object problem() throws Exception {
            String places = Files.read(file);
            return upgrades == null
                    ? Chongyang.fromPlaces(places, seed)
                    : Chongyang.clinicCoverage(places, seed, upgrades, radius);
        }
    }

    @Command(
            name = "cn-provinces",
            mixinStandardHelpOptions = true,
            description = "The 2019 provincial fiscal CSV to a transfer problem across China's 31 provinces.")
    static class CnProvinces extends FromFile {
        @Option(
                names = "--budget",
                description = "transfer budget in yuan (default: ${DEFAULT-VALUE})",
                defaultValue = "7.4e12")
        double budget;

        @Option(names = "--guarantee", description = "guaranteed coverage for every province, e.g. 0.6")
        Double guarantee;

        @Override
        Object problem() throws Exception {
            return Provinces.fromCsv(Files.read(file), budget, guarantee);
        }
    }

    @Command(
            name = "csv",
            mixinStandardHelpOptions = true,
            description = "A CSV of regions (id,name,population,standardRevenue,standardExpenditure"
                    + "[,previousTransfer,minTransfer,maxTransfer,group]) to a transfer problem named after the file;"
                    + " every bad cell is named by line and column.")
    static class RegionsFile extends FromFile {
        @Option(
                names = "--budget",
                description = "the total to allocate, in the amounts' currency (required unless every category has an"
                        + " earmarked budget: then their total)")
        Double budget;

        @Option(names = "--unit", defaultValue = "1", description = "allocation unit (default: ${DEFAULT-VALUE})")
        double unit;

        @Option(
                names = "--categories",
                description = "a JSON array of spending categories ({id, name, standards, coefficients, budget}):"
                        + " standard expenditure is then built from the CSV's people:<group>, coefficient:<name> and"
                        + " satisfaction:<category> columns; a budget in every category earmarks it")
        java.nio.file.Path categories;

        @Override
        Object problem() throws Exception {
            java.util.List<org.equiplan.funds.FundsProblem.CategorySpec> specs = categories == null
                    ? null
                    : java.util.List.of(org.equiplan.problem.Json.bind(
                            org.equiplan.problem.Json.readTree(Files.read(categories)),
                            org.equiplan.funds.FundsProblem.CategorySpec[].class));
            return org.equiplan.funds.importers.RegionsCsv.read(Files.read(file), baseName(file), budget, unit, specs);
        }
    }

    @Command(
            name = "places",
            mixinStandardHelpOptions = true,
            description = "Villages and sites from two CSVs to a facility problem: villages (id,name,region,lat,lon or"
                    + " x,y[,rural], one demand column per service) and sites (id,name,service,region,lat,lon or"
                    + " x,y[,capacity,openingCost,state]); every bad cell named by file, line and column.")
    static class Places extends Importer {
        @Option(names = "--villages", required = true, description = "the villages CSV")
        Path villages;

        @Option(names = "--sites", required = true, description = "the sites CSV")
        Path sites;

        @Option(
                names = "--service",
                required = true,
                paramLabel = "ID[:KM]",
                description = "a service and its travel standard in km, e.g. school:5 (repeat for each service)")
        java.util.List<String> services;

        @Option(names = "--name", description = "the problem's name (default: the villages file's)")
        String name;

        @Override
        Object problem() throws Exception {
            java.util.List<org.equiplan.facilities.FacilityProblem.ServiceSpec> specs = new java.util.ArrayList<>();
            for (String s : services) {
                String[] parts = s.split(":", 2);
                Double standard = null;
                if (parts.length == 2) {
                    try {
                        standard = Double.valueOf(parts[1]);
                    } catch (NumberFormatException e) {
                        throw new picocli.CommandLine.ParameterException(
                                spec.commandLine(), "--service: '" + s + "' is not ID or ID:KM (such as school:5)");
                    }
                }
                specs.add(
                        new org.equiplan.facilities.FacilityProblem.ServiceSpec(parts[0].trim(), null, standard, null));
            }
            return org.equiplan.facilities.importers.PlacesCsv.read(
                    Files.read(villages), Files.read(sites), specs, name == null ? baseName(villages) : name);
        }
    }

    @Command(
            name = "counties",
            mixinStandardHelpOptions = true,
            description = "Generate a county-scale transfer problem (seeded; not real data).")
    static class GenerateCounties extends Importer {
        @Option(
                names = "--regions",
                defaultValue = "2800",
                description = "number of counties (default: ${DEFAULT-VALUE})")
        int regions;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--group-caps", description = "cap about one prefecture in ten")
        boolean groupCaps;

        @Option(
                names = "--categories",
                description = "standard expenditure built from six categories, public evaluation, basic needs and "
                        + "rank preservation")
        boolean categories;

        @Option(
                names = "--plan",
                description = "a three-year plan with year-on-year limits (implies --categories, without rank "
                        + "preservation unless --rank-tolerance is given)")
        boolean plan;

        @Option(
                names = "--earmarked",
                description = "the budget earmarked by category (implies --categories), without rank preservation "
                        + "unless --rank-tolerance is given")
        boolean earmarked;

        @Option(
                names = "--hold-harmless",
                description = "with --earmarked: each county keeps at least this share of last year's transfer on "
                        + "the sum of its categories")
        Double holdHarmless;

        @Option(
                names = "--rank-tolerance",
                description = "with --plan or --earmarked: rank preservation at this tolerance")
        Double rankTolerance;

        @Option(
                names = "--unit",
                description = "allocation unit in yuan; last year's transfers, caps and budgets are whole units of it"
                        + " (default: 10000, 万元)")
        Double unit;

        @Override
        Object problem() {
            if (regions < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--regions must be >= 1");
            }
            double unit = this.unit == null ? Counties.DEFAULT_UNIT : this.unit;
            if (!(unit > 0) || Double.isInfinite(unit)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--unit must be a positive number of yuan");
            }
            if (earmarked) {
                return Counties.generateEarmarked(regions, seed, unit, holdHarmless, rankTolerance);
            }
            if (plan) {
                return Counties.generatePlan(regions, seed, unit, rankTolerance);
            }
            if (categories) {
                return Counties.generateWithCategories(regions, seed, unit);
            }
            return Counties.generate(regions, seed, groupCaps, unit);
        }
    }
}
