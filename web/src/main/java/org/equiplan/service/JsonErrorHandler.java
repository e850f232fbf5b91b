package org.equiplan.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.equiplan.problem.Json;

/**
 * Errors Jetty answers itself, before a request reaches a route (a URI it cannot decode, a URI or header too
 * long): the same JSON as every other error, with the same security headers, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", AccessControl.CONTENT_SECURITY_POLICY);

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        HEADERS.forEach(headers::put);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        HEADERS.forEach(fields::put);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String text = HttpStatus.getMessage(code).toLowerCase(java.util.Locale.ROOT)
                + (message == null || message.isBlank() ? "" : ": " + message);
        return Json.compact(ApiError.of(text)).getBytes(StandardCharsets.UTF_8);
    }
}
