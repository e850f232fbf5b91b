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

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Turn other formats into problem JSON (stdout or --out).",
        subcommands = {ImportCommand.OrlibCap.class, ImportCommand.OrlibPmed.class, ImportCommand.HolmbergFile.class, ImportCommand.ChongyangPlaces.class,
                ImportCommand.CnProvinces.class, ImportCommand.GenerateCounties.class})
class ImportCommand {

    static String baseName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Command(name = "orlib-cap", mixinStandardHelpOptions = true,
            description = "OR-Library capacitated warehouse location file (cap41 ... capc) to a facilities problem.")
    static class OrlibCap implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--capacity", description = "capacity of every warehouse (needed for capa, capb, capc)")
        Double capacity;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.write(out, Json.write(OrLibrary.capacitated(Files.read(file), baseName(file), capacity)), System.out);
            return 0;
        }
    }

    @Command(name = "orlib-pmed", mixinStandardHelpOptions = true,
            description = "OR-Library p-median file (pmed1 ... pmed40) to a facilities problem.")
    static class OrlibPmed implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.write(out, Json.write(OrLibrary.pMedian(Files.read(file), baseName(file))), System.out);
            return 0;
        }
    }

    @Command(name = "holmberg", mixinStandardHelpOptions = true,
            description = "Holmberg et al.'s single-source capacitated file (p1 ... p71) to a facilities problem.")
    static class HolmbergFile implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.write(out, Json.write(Holmberg.read(Files.read(file), baseName(file))), System.out);
            return 0;
        }
    }

    @Command(name = "chongyang", mixinStandardHelpOptions = true,
            description = "The Chongyang county places CSV to the school and clinic siting example (seeded populations).")
    static class ChongyangPlaces implements Callable<Integer> {
        @Parameters(paramLabel = "PLACES_CSV")
        Path file;

        @Option(names = "--seed", defaultValue = "2019", description = "population generator seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--clinic-coverage", paramLabel = "UPGRADES",
                description = "instead: the maximal-covering clinic problem, upgrading this many village clinics")
        Integer upgrades;

        @Option(names = "--radius", defaultValue = "4", description = "with --clinic-coverage: covering radius, km "
                + "(default: ${DEFAULT-VALUE})")
        double radius;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            String places = Files.read(file);
            Files.write(out, Json.write(upgrades == null ? Chongyang.fromPlaces(places, seed)
                    : Chongyang.clinicCoverage(places, seed, upgrades, radius)), System.out);
            return 0;
        }
    }

    @Command(name = "cn-provinces", mixinStandardHelpOptions = true,
            description = "The 2019 provincial fiscal CSV to a transfer problem across China's 31 provinces.")
    static class CnProvinces implements Callable<Integer> {
        @Parameters(paramLabel = "FISCAL_CSV")
        Path file;

        @Option(names = "--budget", description = "transfer budget in yuan (default: ${DEFAULT-VALUE})", defaultValue = "7.4e12")
        double budget;

        @Option(names = "--guarantee", description = "guaranteed coverage for every province, e.g. 0.6")
        Double guarantee;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.write(out, Json.write(Provinces.fromCsv(Files.read(file), budget, guarantee)), System.out);
            return 0;
        }
    }

    @Command(name = "counties", mixinStandardHelpOptions = true,
            description = "Generate a county-scale transfer problem (seeded; not real data).")
    static class GenerateCounties implements Callable<Integer> {
        @Option(names = "--regions", defaultValue = "2800", description = "number of counties (default: ${DEFAULT-VALUE})")
        int regions;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--group-caps", description = "cap about one prefecture in ten")
        boolean groupCaps;

        @Option(names = "--out", description = "write here instead of stdout")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (regions < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--regions must be >= 1");
            }
            Files.write(out, Json.write(Counties.generate(regions, seed, groupCaps, Counties.DEFAULT_UNIT)), System.out);
            return 0;
        }
    }
}
