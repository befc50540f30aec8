package org.planledger.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Real HTTP calls to the service under test, as a client would make them. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json;
    private final String base;

    ApiClient(ObjectMapper json, int port) {
        this.json = json;
        this.base = "http://127.0.0.1:" + port;
    }

    /** How a request proves who sends it: nothing, HTTP Basic, or a bearer token. */
    record Credentials(String header) {
        static final Credentials NONE = new Credentials(null);

        static Credentials basic(String user, String password) {
            return new Credentials("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        static Credentials demo(String user) {
            return basic(user, "demo");
        }

        static Credentials bearer(String token) {
            return new Credentials("Bearer " + token);
        }
    }

    Response post(Credentials who, String path, Object body) throws Exception {
        return send(who, "POST", path, json.writeValueAsString(body));
    }

    /** A multipart/form-data upload of one file in the part {@code file}. */
    Response upload(Credentials who, String path, String filename, byte[] content) throws Exception {
        String boundary = "planledger-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(base + new URI(null, null, path.substring(0, path.indexOf('?') < 0 ? path.length() : path.indexOf('?')),
                path.indexOf('?') < 0 ? null : path.substring(path.indexOf('?') + 1), null).toASCIIString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (who.header() != null) {
            request.header("Authorization", who.header());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        return new Response(response.statusCode(), type.contains("json") && !response.body().isEmpty()
                ? json.readTree(response.body()) : json.createObjectNode(), type, null, List.of());
    }

    Response get(Credentials who, String path) throws Exception {
        return send(who, "GET", path, null);
    }

    Response send(Credentials who, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (who.header() != null) {
            request.header("Authorization", who.header());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode node = type.contains("json") && !text.isEmpty() ? json.readTree(text) : json.createObjectNode();
        return new Response(response.statusCode(), node, type, response.headers().firstValue("Retry-After").orElse(null),
                response.headers().allValues("WWW-Authenticate"));
    }

    record Response(int status, JsonNode body, String contentType, String retryAfter, java.util.List<String> challenges) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        String code() {
            return body.path("code").asText();
        }
    }
}
