package org.equiplan.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The example problems bundled from data/examples into the jar (resources under {@code examples/}). */
public final class Examples {

    private static final String FOLDER = "examples/";

    private Examples() {}

    /** Example names (file names without .json), sorted. */
    public static List<String> names() {
        URL url = Examples.class.getClassLoader().getResource(FOLDER);
        List<String> names = new ArrayList<>();
        if (url == null) {
            return names;
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith(FOLDER) && n.endsWith(".json") && n.indexOf('/', FOLDER.length()) < 0) {
                        names.add(n.substring(FOLDER.length(), n.length() - 5));
                    }
                }
            } else {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".json"))
                            .forEach(f -> names.add(f.substring(0, f.length() - 5)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.sort(null);
        return names;
    }

    public static Optional<String> read(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(FOLDER + name + ".json")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
