package org.equiplan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.equiplan.jobs.JobService;
import org.equiplan.service.EquiplanServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Start the HTTP service (the default with no arguments).")
class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "7070",
            description = "port (default: ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(
            names = "--data-dir",
            defaultValue = "equiplan-data",
            description = "where jobs are stored (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--solvers", description = "solves at once (default: cores - 1, at least 1)")
    Integer solvers;

    @Option(
            names = "--max-body-mb",
            defaultValue = "50",
            description = "largest request body in MB (default: ${DEFAULT-VALUE})")
    long maxBodyMb;

    @Override
    public Integer call() throws Exception {
        EquiplanServer.Settings defaults = EquiplanServer.Settings.defaults(port, dataDir);
        EquiplanServer.Settings settings = new EquiplanServer.Settings(
                port,
                dataDir,
                solvers == null ? JobService.defaultConcurrency() : solvers,
                maxBodyMb * 1024 * 1024,
                defaults.limits(),
                defaults.flushMillis(),
                defaults.eventMillis());
        EquiplanServer server = new EquiplanServer(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "equiplan-shutdown"));
        stopped.await();
        return 0;
    }
}
