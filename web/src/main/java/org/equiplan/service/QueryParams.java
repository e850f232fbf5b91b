package org.equiplan.service;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Query parameters Javalin's converters would change silently: parsed strictly here. */
final class QueryParams {

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,19}");

    private QueryParams() {}

    /** {@code seed}: a whole number that fits 64 bits, as on the command line; "1.7" or 2^63 is an error. */
    static Long seed(Context ctx) {
        String raw = ctx.queryParam("seed");
        if (raw == null) {
            return null;
        }
        if (WHOLE.matcher(raw).matches()) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                // 19 digits beyond the range: reported below.
            }
        }
        throw new EquiplanServer.BadRequest(
                "seed", "must be a whole number from -9223372036854775808 to 9223372036854775807, got '" + raw + "'");
    }
}
