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

    /**
     * {@code POST /api/imports/places?service=school:5&service=clinic:4&name=} with a multipart form of two files,
     * {@code villages} and {@code sites}: the facility problem as JSON.
     */
    void places(Context ctx) throws java.io.IOException {
        var villages = ctx.uploadedFile("villages");
        var sites = ctx.uploadedFile("sites");
        java.util.List<org.equiplan.problem.FieldError> missing = new java.util.ArrayList<>();
        if (villages == null) {
            missing.add(new org.equiplan.problem.FieldError(
                    "villages", "upload the villages CSV as the form field 'villages'"));
        }
        if (sites == null) {
            missing.add(new org.equiplan.problem.FieldError("sites", "upload the sites CSV as the form field 'sites'"));
        }
        if (!missing.isEmpty()) {
            throw new org.equiplan.problem.InvalidProblemException(missing);
        }
        java.util.List<org.equiplan.facilities.FacilityProblem.ServiceSpec> services = new java.util.ArrayList<>();
        for (String s : ctx.queryParams("service")) {
            for (String one : s.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                String[] parts = one.trim().split(":", 2);
                Double standard = null;
                if (parts.length == 2) {
                    try {
                        standard = Double.valueOf(parts[1].trim());
                    } catch (NumberFormatException e) {
                        throw new EquiplanServer.BadRequest(
                                "service", "'" + one.trim() + "' is not ID or ID:KM (such as school:5)");
                    }
                }
                services.add(
                        new org.equiplan.facilities.FacilityProblem.ServiceSpec(parts[0].trim(), null, standard, null));
            }
        }
        String name = ctx.queryParam("name");
        String villagesText = new String(villages.content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String sitesText = new String(sites.content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ctx.contentType("application/json")
                .result(Json.write(org.equiplan.facilities.importers.PlacesCsv.read(
                        villagesText, sitesText, services, name == null || name.isBlank() ? "places" : name)));
    }

    /** {@code GET /api/imports/regions/template.csv}: with a byte-order mark, so that Excel shows Chinese names. */
    void template(Context ctx) {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"regions-template.csv\"")
                .result("\uFEFF" + RegionsCsv.TEMPLATE);
    }
}
