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

    /**
     * {@code POST /api/imports/regions?budget=&unit=&name=} with a CSV body, or a multipart form of the CSV
     * ({@code regions}) and a JSON array of spending categories ({@code categories}: standard expenditure is built from
     * the CSV's people:, coefficient: and satisfaction: columns; a budget in every category earmarks it and may stand
     * for the budget): the problem as JSON.
     */
    void regions(Context ctx) throws java.io.IOException {
        String type = ctx.contentType() == null
                ? ""
                : ctx.contentType().split(";", 2)[0].trim();
        String csv;
        java.util.List<org.equiplan.funds.FundsProblem.CategorySpec> categories = null;
        if (type.equalsIgnoreCase("multipart/form-data")) {
            var regions = ctx.uploadedFile("regions");
            if (regions == null) {
                throw new org.equiplan.problem.InvalidProblemException(
                        "regions", "upload the regions CSV as the form field 'regions'");
            }
            try (var in = regions.content()) {
                csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            var categoriesFile = ctx.uploadedFile("categories");
            if (categoriesFile != null) {
                String json;
                try (var in = categoriesFile.content()) {
                    json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                categories = categories(json);
            }
        } else if (type.equalsIgnoreCase("text/csv")) {
            csv = ctx.body();
        } else {
            throw new HttpResponseException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "send the regions as Content-Type: text/csv, or as multipart/form-data with the fields 'regions'"
                            + " and 'categories'");
        }
        Double budget = ctx.queryParamAsClass("budget", Double.class).getOrNull();
        Double unit = ctx.queryParamAsClass("unit", Double.class).getOrNull();
        String name = ctx.queryParam("name");
        ctx.contentType("application/json")
                .result(Json.write(RegionsCsv.read(csv, name == null ? "regions" : name, budget, unit, categories)));
    }

    /** The categories file: a JSON array of categories, its errors named under {@code categories}. */
    private static java.util.List<org.equiplan.funds.FundsProblem.CategorySpec> categories(String json) {
        try {
            var node = Json.readTree(json);
            if (!node.isArray()) {
                throw new org.equiplan.problem.InvalidProblemException(
                        "categories",
                        "must be a JSON array of categories ({id, name, standards, coefficients, budget})");
            }
            return java.util.List.of(Json.bind(node, org.equiplan.funds.FundsProblem.CategorySpec[].class));
        } catch (org.equiplan.problem.InvalidProblemException e) {
            java.util.List<org.equiplan.problem.FieldError> named = new java.util.ArrayList<>();
            for (var error : e.errors()) {
                named.add(new org.equiplan.problem.FieldError(
                        error.field().startsWith("categories") ? error.field() : "categories" + suffix(error.field()),
                        error.message()));
            }
            throw new org.equiplan.problem.InvalidProblemException(named);
        }
    }

    private static String suffix(String field) {
        return field == null || field.isEmpty() || field.equals("$") ? "" : field.startsWith("[") ? field : "." + field;
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
