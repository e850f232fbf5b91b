package org.equiplan.problem;

import java.math.BigDecimal;

/** Numbers as a spreadsheet reads them: plain decimals (5500000000000, not 5.5E12), no trailing zeros. */
public final class Decimals {

    private Decimals() {}

    public static String plain(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public static String plain(Double v) {
        return v == null ? "" : plain(v.doubleValue());
    }
}
