package org.equiplan.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.equiplan.problem.Json;

/** A small HTTP client for the service tests. */
final class Http {

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    Http(int port) {
        this(port, null);
    }

    /** A client that sends this bearer token with every request. */
    Http(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    Http withToken(String token) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), token);
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.readTree(body);
        }
    }

    record Event(String name, JsonNode data) {}

    /** Sends a body as JSON (Content-Type: application/json), as every client must. */
    Response send(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, body == null ? null : "application/json");
    }

    Response send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null && body.length() > 100_000) {
            // As real clients do with a large upload: the server may refuse it (413) before the body is sent, and
            // without this the refusal can race the upload and reach the client as a broken pipe.
            b.expectContinue(true);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Response post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    /** Reads Server-Sent Events until "end" (or the stream closes). */
    List<Event> events(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(120))
                .GET()
                .build();
        HttpResponse<Stream<String>> r = client.send(request, HttpResponse.BodyHandlers.ofLines());
        List<Event> events = new ArrayList<>();
        String name = null;
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    events.add(new Event(name, Json.readTree(line.substring(5).trim())));
                    if ("end".equals(name)) {
                        break;
                    }
                }
            }
        }
        return events;
    }
}
