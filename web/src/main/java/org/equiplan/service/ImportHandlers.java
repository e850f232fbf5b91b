package org.equiplan.service;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.equiplan.funds.importers.RegionsCsv;
import org.equiplan.problem.Json;

/**
 * Spreadsheets in: a CSV of regions becomes a transfer problem (the page submits it as a job), with every bad
 * cell named by line and column; and the template to start from.
 */
final class ImportHandlers {

    /** {@code POST /api/imports/regions?budget=&unit=&name=} with a CSV body: the problem as JSON. */
    void regions(Context ctx) {
        String type = ctx.contentType() == null
                ? ""
                : ctx.contentType().split(";", 2)[0].trim();
        if (!type.equalsIgnoreCase("text/csv")) {
            throw new HttpResponseException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), "send the regions as Content-Type: text/csv");
        }
        Double budget = ctx.queryParamAsClass("budget", Double.class).getOrNull();
        Double unit = ctx.queryParamAsClass("unit", Double.class).getOrNull();
        String name = ctx.queryParam("name");
        ctx.contentType("application/json")
                .result(Json.write(RegionsCsv.read(ctx.body(), name == null ? "regions" : name, budget, unit)));
    }

    /** {@code GET /api/imports/regions/template.csv}: with a byte-order mark, so that Excel shows Chinese names. */
    void template(Context ctx) {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"regions-template.csv\"")
                .result("\uFEFF" + RegionsCsv.TEMPLATE);
    }
}
