package org.equiplan.benchmark;

import java.math.BigDecimal;

/** Number formatting for LP files and reports. */
final class FacilityNumbers {

    private FacilityNumbers() {}

    /** A number without exponent or trailing zeros, as LP files want it. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String fixed(Double v, int decimals) {
        return v == null ? "" : String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }
}
