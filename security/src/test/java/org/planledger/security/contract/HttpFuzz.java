package org.planledger.security.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.planledger.security.contract.OpenApiDocument.Operation;
import org.planledger.security.contract.OpenApiDocument.Param;

/**
 * A bounded, seeded HTTP fuzz of one service, generated from its own OpenAPI document: every operation, as every
 * caller given (roles, nobody, a wrong password), with path, query, header and body values drawn from valid samples
 * and a hand list of hostile ones. Every answer is checked: no 5xx but a 503 with Retry-After, every 4xx problem+json
 * with code, field and rule, nothing of the inside (SQL, class names, stack traces), no long echo, the status and the
 * ledger's headers documented for the operation, and no event recorded by a refused request. A failure prints the
 * seed and the request as a curl line.
 */
public final class HttpFuzz {

    static final Pattern LEAK = Pattern.compile("(?i)insert into|select .* from|java\\.|javax\\.|jakarta\\.|"
            + "org\\.(springframework|planledger|axonframework|postgresql|apache|hibernate)|exception|\\\\x[0-9a-f]{8}|"
            + "\\bat [a-z]+\\.[a-z.]+\\(");
    /** The ledger's own response headers: present only where documented. */
    static final Set<String> LEDGER_HEADERS = Set.of("etag", "location", "idempotent-replayed", "retry-after",
            "x-ledger-position", "x-ledger-digest");
    /** Documented headers a successful answer carries only sometimes. */
    static final Set<String> SOMETIMES = Set.of("idempotent-replayed", "retry-after", "www-authenticate", "content-disposition");

    static final List<String> HOSTILE_TEXT = List.of("", " ", "\u0000", "a\u0007b", "\u009f", "x".repeat(5000),
            "e\u0301", "<script>alert(1)</script>", "' OR 1=1 --", "Robert'); DROP TABLE app_user;--", "../../etc/passwd",
            "%s%n%x", "${jndi:ldap://x/a}", "Sở Nội vụ", "\uD83D\uDE00", "2024-01-01", " 2024-01-01", "20240101",
            "-999999999-01-01", "+57385-07-07", "2024-02-30", "2024-01-01T00:00:00Z", "2024-06-20T10:00:00", "abc",
            "1.5", "-1", "0", "99999999999999999999", "true", "null", "m1", "*", "\"1\"");
    static final List<String> HOSTILE_JSON = List.of("123", "true", "1.5", "null", "[]", "{}", "20240101", "-1",
            "[\"\\u0000\"]", "{\"a\":{\"b\":{\"c\":[1,2,3]}}}", "\"\\u0000\"", "\"\\u001b[31m\"");
    static final List<String> HOSTILE_BODIES = List.of("", "{", "[]", "\"x\"", "null", "{} x", "{}{}",
            "{\"a\":1,\"a\":2}", "<xml/>", "{\"planId\":\"x\"", "\u0000");
    static final List<String> HOSTILE_SEGMENTS = List.of("%2e%2e", "a%2Fb", "a;b", "a%3Bb", "%00", "%ff%fe", "a%5Cb",
            "S%E1%BB%9F", "x".repeat(3000), "%252e", "I.1%20", "..", "~", "%20", "a%0Ab");
    static final List<String> CONTENT_TYPES = List.of("*/*", "text/plain", "application/json;;;=", "application/xml",
            "application/*", "image/png", "application/json; charset=utf-16", "multipart/form-data");
    static final List<String> ACCEPTS = List.of("text/html", "application/xml", "*/*", "application/json",
            "application/problem+json", "image/*");
    static final List<String> IF_MATCH = List.of("\"1\"", "\"2\"", "\"3\"", "W/\"1\"", "1", "*", "\"abc\"",
            "\"99999999999999999999\"", "\"1\", \"2\"", "");
    static final List<String> IDEMPOTENCY_KEYS = List.of("", "k".repeat(300), "kh\u00f3a", "a\tb", " ");

    /** A request as sent, reproducible by hand. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        public String curl(String base) {
            StringBuilder line = new StringBuilder("curl -i -X ").append(method);
            headers.forEach((k, v) -> line.append(" -H '").append(k).append(": ").append(v.replace("'", "'\\''")).append("'"));
            if (body != null) {
                String shown = body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
                line.append(" --data-binary '").append(shown.replace("'", "'\\''")).append("'");
            }
            return line.append(" '").append(base).append(path).append("'").toString();
        }
    }

    /** What a run did: requests sent, answers per status, and every failed check with the request that caused it. */
    public record Report(long seed, int sent, int skipped, Map<Integer, Integer> statuses, List<String> failures, long millis) {
        @Override
        public String toString() {
            return "fuzz seed " + seed + ": " + sent + " requests (" + skipped + " not sendable by the client) in "
                    + millis + " ms, statuses " + statuses + ", " + failures.size() + " failures (repeat: -Dfuzz.seed="
                    + seed + " -Dfuzz.requests=" + (sent + skipped) + ")";
        }
    }

    private final ObjectMapper json;
    private final String base;
    private final OpenApiDocument document;
    private final Map<String, String> callers;
    private final Map<String, String> samples;
    private final Map<String, String> bodies;
    private final LongSupplier events;
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, Set<String>> withheld = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param callers Authorization header per caller name (null value: nobody)
     * @param samples a valid value per path or query parameter name
     * @param bodies  a valid JSON body per operation key ("POST /api/plans")
     * @param events  how many events the ledger holds
     */
    public HttpFuzz(ObjectMapper json, int port, OpenApiDocument document, Map<String, String> callers,
            Map<String, String> samples, Map<String, String> bodies, LongSupplier events) {
        this.json = json;
        this.base = "http://127.0.0.1:" + port;
        this.document = document;
        this.callers = callers;
        this.samples = samples;
        this.bodies = bodies;
        this.events = events;
    }

    /** Sends this operation less (or more) often than the others (weight 1), e.g. one that builds a whole report. */
    public HttpFuzz weigh(String operationKey, double weight) {
        weights.put(operationKey, weight);
        return this;
    }

    /** Never sends this value of an enumerated parameter (a known fault, named where this is called). */
    public HttpFuzz withhold(String parameter, String value) {
        withheld.computeIfAbsent(parameter, p -> new java.util.HashSet<>()).add(value);
        return this;
    }

    private Operation choose(Random random, List<Operation> operations) {
        double total = operations.stream().mapToDouble(o -> weights.getOrDefault(o.key(), 1.0)).sum();
        double roll = random.nextDouble() * total;
        for (Operation operation : operations) {
            roll -= weights.getOrDefault(operation.key(), 1.0);
            if (roll < 0) {
                return operation;
            }
        }
        return operations.get(operations.size() - 1);
    }

    public Report run(long seed, int requests) throws InterruptedException {
        Random random = new Random(seed);
        List<Operation> operations = document.operations();
        List<String> names = new ArrayList<>(callers.keySet());
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int skipped = 0;
        long started = System.currentTimeMillis();
        for (int i = 0; i < requests; i++) {
            Operation operation = choose(random, operations);
            String caller = names.get(random.nextInt(names.size()));
            Request request = generate(random, operation, callers.get(caller), i);
            long before = events.getAsLong();
            HttpResponse<String> response;
            try {
                response = send(request);
            } catch (IllegalArgumentException notSendable) {
                skipped++; // e.g. a header value the client itself refuses to send
                continue;
            } catch (java.io.IOException e) {
                failures.add("#" + i + " " + caller + ": no answer (" + e + ")\n  " + request.curl(base));
                continue;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = check(operation, response, before);
            if (problem != null) {
                failures.add("#" + i + " seed " + seed + " " + caller + " " + operation.key() + ": " + problem
                        + "\n  " + request.curl(base) + "\n  answer: " + abbreviate(response.body()));
            }
        }
        return new Report(seed, requests - skipped, skipped, statuses, failures, System.currentTimeMillis() - started);
    }

    private HttpResponse<String> send(Request request) throws java.io.IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Null when the answer keeps the contract, else what it breaks. */
    String check(Operation operation, HttpResponse<String> response, long eventsBefore) {
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body() == null ? "" : response.body();
        if (status >= 500 && status != 503) {
            return "answered " + status;
        }
        if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
            return "503 without Retry-After";
        }
        if (!OpenApiDocument.statuses(operation).contains(status)) {
            return "status " + status + " is not documented for " + operation.key();
        }
        if (status >= 400) {
            if (!type.startsWith("application/problem+json")) {
                return status + " with Content-Type '" + type + "'";
            }
            try {
                JsonNode problem = json.readTree(body);
                for (String field : List.of("code", "field", "rule")) {
                    if (!problem.hasNonNull(field)) {
                        return "problem without " + field;
                    }
                }
                if (problem.path("status").asInt() != status) {
                    return "problem status " + problem.path("status") + " on a " + status;
                }
            } catch (java.io.IOException e) {
                return "problem body is not JSON";
            }
            if (body.length() > 4000) {
                return "a problem of " + body.length() + " characters (echoes the input?)";
            }
            if (events.getAsLong() != eventsBefore) {
                return "a refused request (" + status + ") recorded events";
            }
        }
        if (status >= 400 && LEAK.matcher(body).find()) {
            return "the answer names the inside: " + abbreviate(LEAK.matcher(body).results().findFirst().map(m -> m.group()).orElse(""));
        }
        Set<String> documented = OpenApiDocument.headers(operation, status);
        for (String name : response.headers().map().keySet()) {
            if (LEDGER_HEADERS.contains(name.toLowerCase()) && !documented.contains(name.toLowerCase())) {
                return "header " + name + " is not documented for " + status;
            }
        }
        if (status < 300) {
            for (String name : documented) {
                if (!SOMETIMES.contains(name) && response.headers().firstValue(name).isEmpty()) {
                    return "documented header " + name + " is missing on " + status;
                }
            }
        }
        return null;
    }

    Request generate(Random random, Operation operation, String authorization, int n) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (Param param : operation.parameters()) {
            switch (param.in()) {
                case "path" -> path = path.replace("{" + param.name() + "}", random.nextInt(10) < 8
                        ? URLEncoder.encode(valid(random, param), StandardCharsets.UTF_8).replace("+", "%20")
                        : pick(random, HOSTILE_SEGMENTS));
                case "query" -> {
                    int roll = random.nextInt(10);
                    if (roll < 4 && !param.required()) {
                        continue;
                    }
                    String value = roll < 8 ? valid(random, param) : pick(random, HOSTILE_TEXT);
                    query.append(query.isEmpty() ? "?" : "&").append(param.name()).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
                case "header" -> {
                    if (random.nextBoolean()) {
                        headers.put(param.name(), param.name().equals("If-Match") ? pick(random, IF_MATCH)
                                : random.nextInt(4) == 0 ? pick(random, IDEMPOTENCY_KEYS) : "fuzz-" + n);
                    }
                }
                default -> {
                }
            }
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept", pick(random, ACCEPTS));
        }
        String body = null;
        if (operation.jsonBody()) {
            headers.put("Content-Type", random.nextInt(8) == 0 ? pick(random, CONTENT_TYPES) : "application/json");
            body = body(random, bodies.getOrDefault(operation.key(), "{}"));
        }
        return new Request(operation.method(), path + query, headers, body);
    }

    private String valid(Random random, Param param) {
        if (!param.allowed().isEmpty()) {
            Set<String> none = withheld.getOrDefault(param.name(), Set.of());
            return pick(random, param.allowed().stream().filter(v -> !none.contains(v)).toList());
        }
        return samples.getOrDefault(param.name(), "x");
    }

    /** A valid body, or one with a field replaced, removed or added, or a hostile body altogether. */
    String body(Random random, String valid) {
        int roll = random.nextInt(10);
        if (roll < 3) {
            return valid;
        }
        if (roll == 3) {
            return pick(random, HOSTILE_BODIES);
        }
        try {
            ObjectNode node = (ObjectNode) json.readTree(valid);
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() ? "extra" : pick(random, fields);
            switch (roll) {
                case 4 -> node.remove(field);
                case 5 -> node.put("unknownField" + random.nextInt(3), "x");
                case 6 -> node.set(field, json.readTree(pick(random, HOSTILE_JSON)));
                case 7 -> {
                    var list = node.putArray(field);
                    int size = random.nextBoolean() ? 10_000 : 51;
                    for (int i = 0; i < size; i++) {
                        list.add("p" + i);
                    }
                }
                default -> node.put(field, pick(random, HOSTILE_TEXT));
            }
            nested(random, node);
            return json.writeValueAsString(node);
        } catch (java.io.IOException | ClassCastException e) {
            return valid;
        }
    }

    /** Sometimes also spoils a field of a nested object (a basis, a decision). */
    private void nested(Random random, ObjectNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue() instanceof ObjectNode inner && random.nextInt(3) == 0 && inner.has("date")) {
                inner.put("date", pick(random, HOSTILE_TEXT));
            }
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
