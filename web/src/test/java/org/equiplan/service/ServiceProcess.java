package org.equiplan.service;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service as a separate process (java org.equiplan.cli.Main serve ...), for crash and cluster tests. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code serve} with these arguments and extra environment; output goes to {@code log}. */
    static ServiceProcess serve(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "org.equiplan.cli.Main",
                "serve"));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(env);
        return new ServiceProcess(b.start(), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A client once the process answers its health check. */
    static Http waitForHttp(int port, ServiceProcess process) throws Exception {
        Http http = new Http(port);
        for (int i = 0; i < 600; i++) {
            if (!process.process.isAlive()) {
                throw new AssertionError("the service ended early:\n" + process.log());
            }
            try {
                if (http.get("/api/health").status() == 200) {
                    return http;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the service never answered:\n" + process.log());
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as systemd or docker stop sends; waits for the process to end. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not end within 120 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** Waits for a process that should end by itself (a refused start); its exit code. */
    int waitForExit() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end:\n" + log());
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
