package org.equiplan.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** A line about the machine, so that results say where they were measured. */
final class Machine {

    private Machine() {}

    static String describe(String cbc) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep "unknown CPU"
        }
        return String.format(
                "Date %s; %d cores (%s), %d MB max heap; Java %s; CBC %s. Same machine, same run: "
                        + "compare ratios and gaps, not absolute times.",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                cpu,
                Runtime.getRuntime().maxMemory() / (1 << 20),
                System.getProperty("java.version"),
                cbc);
    }
}
