package org.equiplan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reading inputs and writing outputs safely: an output file is replaced whole or not at all. */
final class Files {

    private Files() {}

    static String read(Path path) throws IOException {
        return java.nio.file.Files.readString(path, StandardCharsets.UTF_8);
    }

    /** Writes to {@code out}, or to standard output when it is null. */
    static void write(Path out, String text, PrintStream stdout) throws IOException {
        if (out == null) {
            stdout.println(text);
            return;
        }
        Path absolute = out.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            java.nio.file.Files.createDirectories(dir);
        }
        Path tmp =
                java.nio.file.Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
        try {
            java.nio.file.Files.writeString(tmp, text + System.lineSeparator(), StandardCharsets.UTF_8);
            makeReadable(tmp);
            try {
                java.nio.file.Files.move(
                        tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }

    /** Temp files are created private (rw-------); an output file should read like any other. */
    private static void makeReadable(Path file) throws IOException {
        try {
            java.nio.file.Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: keep its defaults.
        }
    }
}
