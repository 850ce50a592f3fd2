package io.switchboard.launcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The command line's HTTP client for a running node's public API ({@code --api}, default
 * {@code http://127.0.0.1:8080}). Errors come back as the API's TEL body, printed as one line.
 */
final class ApiClient {

    /** A failed call: the one line to print. */
    static final class ApiException extends Exception {
        private static final long serialVersionUID = 1L;

        ApiException(String line) {
            super(line);
        }
    }

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param base the node's public API, e.g. {@code http://127.0.0.1:8080}
     * @param key the API key to send as {@code Authorization: Bearer}, or empty for none
     */
    ApiClient(String base, String key) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.key = key == null ? "" : key.trim();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery));
        return key.isEmpty() ? builder : builder.header("Authorization", "Bearer " + key);
    }

    JsonObject get(String pathAndQuery) throws ApiException {
        return send(request(pathAndQuery).timeout(Duration.ofSeconds(30)).GET().build());
    }

    JsonObject postJson(String pathAndQuery, JsonObject body) throws ApiException {
        return send(request(pathAndQuery).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
    }

    JsonObject postFile(String pathAndQuery, Path file) throws ApiException {
        try {
            return send(request(pathAndQuery).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (java.io.FileNotFoundException e) {
            throw new ApiException("no such file: " + file);
        }
    }

    private JsonObject send(HttpRequest request) throws ApiException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ApiException("cannot reach " + base + " (is a node with the http-api role running? see --api)");
        } catch (IOException e) {
            throw new ApiException("request to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (RuntimeException e) {
            throw new ApiException("HTTP " + response.statusCode() + " from " + request.uri() + " (not JSON)");
        }
        if (response.statusCode() >= 400) {
            JsonObject error = body.getJsonObject("error", new JsonObject());
            throw new ApiException(error.getString("code", "HTTP " + response.statusCode()) + ": "
                    + error.getString("message", response.body()) + rejections(error));
        }
        return body;
    }

    private static String rejections(JsonObject error) {
        var details = error.getJsonObject("details");
        if (details == null || details.getJsonArray("rejections") == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        details.getJsonArray("rejections").forEach(r -> {
            JsonObject rejection = (JsonObject) r;
            text.append(System.lineSeparator()).append("  row ").append(rejection.getValue("row")).append(": ")
                    .append(rejection.getString("reason"));
        });
        return text.toString();
    }
}
