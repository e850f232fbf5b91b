package org.equiplan.facilities.exact;

import com.google.ortools.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OR-Tools' CP-SAT, loaded once. Its native library comes inside the OR-Tools artifact (Linux, macOS and Windows on
 * x86-64 and arm64) and is unpacked to a temporary directory on first use; where that fails the search runs
 * without exact windows, and the log says why.
 */
public final class CpSat {

    private static final Logger LOG = LoggerFactory.getLogger(CpSat.class);

    private static volatile Boolean available;

    private CpSat() {}

    /** Whether CP-SAT can be used on this machine (loads it on the first call). */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            synchronized (CpSat.class) {
                known = available;
                if (known == null) {
                    known = load();
                    available = known;
                }
            }
        }
        return known;
    }

    private static boolean load() {
        try {
            Loader.loadNativeLibraries();
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("CP-SAT is not available here, the facility search runs without exact windows", e);
            return false;
        }
    }
}
