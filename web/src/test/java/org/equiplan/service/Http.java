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

    Http(int port) {
        this.base = "http://localhost:" + port;
    }

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return Json.readTree(body);
        }
    }

    record Event(String name, JsonNode data) {}

    Response send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/event-stream")
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
