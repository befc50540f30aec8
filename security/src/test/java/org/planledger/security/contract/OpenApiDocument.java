package org.planledger.security.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A service's {@code /v3/api-docs}, as served, with what a real validator says of it and what it documents per route. */
public final class OpenApiDocument {

    /** One operation: its method, path template, parameters and whether it reads a JSON body. */
    public record Operation(String method, String path, List<Param> parameters, boolean jsonBody, JsonNode node) {
        public String key() {
            return method + " " + path;
        }
    }

    /** A parameter: where it goes, its name, its enum when closed, whether it is required. */
    public record Param(String in, String name, List<String> allowed, boolean required) {
    }

    private final JsonNode root;
    private final String text;

    private OpenApiDocument(String text, JsonNode root) {
        this.text = text;
        this.root = root;
    }

    public static OpenApiDocument fetch(ObjectMapper json, int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + response.statusCode());
        }
        return new OpenApiDocument(response.body(), json.readTree(response.body()));
    }

    /** Keeps the document as served (target/openapi.json), for linters and client generators run by hand. */
    public void save(java.nio.file.Path file) throws java.io.IOException {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        java.nio.file.Files.writeString(file, text);
    }

    public JsonNode root() {
        return root;
    }

    /** What swagger-parser finds wrong with the document (resolving every reference); empty when it is valid. */
    public List<String> validationMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        List<String> messages = new ArrayList<>(result.getMessages() == null ? List.of() : result.getMessages());
        if (result.getOpenAPI() == null) {
            messages.add("the document could not be read at all");
        }
        return messages;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                return;
            }
            List<Param> params = new ArrayList<>();
            for (JsonNode p : method.getValue().path("parameters")) {
                List<String> allowed = new ArrayList<>();
                p.path("schema").path("enum").forEach(v -> allowed.add(v.asText()));
                params.add(new Param(p.path("in").asText(), p.path("name").asText(), allowed, p.path("required").asBoolean()));
            }
            boolean json = method.getValue().path("requestBody").path("content").has("application/json");
            operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), params, json, method.getValue()));
        }));
        return operations;
    }

    /** The statuses an operation documents. */
    public static Set<Integer> statuses(Operation operation) {
        Set<Integer> statuses = new LinkedHashSet<>();
        operation.node().path("responses").fieldNames().forEachRemaining(code -> statuses.add(Integer.parseInt(code)));
        return statuses;
    }

    /** The headers an operation documents for a status. */
    public static Set<String> headers(Operation operation, int status) {
        Set<String> headers = new LinkedHashSet<>();
        Iterator<String> names = operation.node().path("responses").path(String.valueOf(status)).path("headers").fieldNames();
        names.forEachRemaining(name -> headers.add(name.toLowerCase()));
        return headers;
    }

    /** The media types an operation documents for a status. */
    public static Set<String> mediaTypes(Operation operation, int status) {
        Set<String> types = new LinkedHashSet<>();
        operation.node().path("responses").path(String.valueOf(status)).path("content").fieldNames().forEachRemaining(types::add);
        return types;
    }

    /** Every media type named anywhere in responses and request bodies. */
    public Set<String> allMediaTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (Operation operation : operations()) {
            operation.node().path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            operation.node().path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(types::add));
        }
        return types;
    }
}
