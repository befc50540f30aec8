package org.planledger.security.contract;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.planledger.shared.api.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What both services' OpenAPI documents share, once: info, servers, the security schemes (HTTP Basic, personal API token, bearer JWT),
 * the {@code Problem} schema every error answers with (application/problem+json), the response headers, and on every
 * operation the error statuses any route can answer (400, 401, 403, 404, 406, 415 where a body is read, 429, 503),
 * plus 409 and 412 where an {@code If-Match} is taken. A route's own statuses and headers are on its controller.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String REQUEST_ID = "X-Request-Id";

    /**
     * What a route answers besides the errors every route can: its success status and headers, and the errors of its
     * own ({@code 409}, {@code 412}, {@code 413}, {@code 422}). {@code idempotencyKey}: it takes an {@code Idempotency-Key}.
     */
    public record Route(String method, String path, int status, List<String> headers, List<Integer> errors,
            boolean idempotencyKey) {

        public static Route of(String method, String path, int status, String... headers) {
            return new Route(method, path, status, List.of(headers), List.of(), false);
        }

        public Route errors(Integer... statuses) {
            return new Route(method, path, status, headers, List.of(statuses), idempotencyKey);
        }

        public Route withIdempotencyKey() {
            return new Route(method, path, status, headers, errors, true);
        }
    }

    /** A service's routes, declared once as a bean. */
    public record Routes(List<Route> routes) {
    }

    private static final Map<Integer, String> OWN_ERRORS = Map.of(
            409, "it exists already (DUPLICATE), another change was recorded at the same moment (CONCURRENT_MODIFICATION), "
                    + "or the query side holding a read model's claim did not carry out its rebuild (READ_MODEL_BUSY)",
            412, "If-Match names another version than the current one (currentVersion says which)",
            413, "the upload is larger than the service takes",
            422, "a rule of the ledger is broken (RULE_BROKEN, UNKNOWN_AGENCY; field and rule say which)");

    @Bean
    OpenApiCustomizer ledgerContract(@Value("${spring.application.name:planledger}") String service,
            @Value("${planledger.openapi.server:/}") String server, org.springframework.beans.factory.ObjectProvider<Routes> routes) {
        return api -> {
            routes.ifAvailable(r -> r.routes().forEach(route -> route(api, route)));
            describe(api, service, server);
        };
    }

    static void route(OpenAPI api, Route route) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(route.path());
        Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(route.method()));
        if (operation == null) {
            throw new IllegalStateException("the OpenAPI routes name " + route.method() + " " + route.path() + ", which the service does not have");
        }
        ApiResponses responses = operation.getResponses();
        String status = String.valueOf(route.status());
        if (!responses.containsKey(status)) {
            ApiResponse success = responses.remove("200");
            responses.addApiResponse(status, success == null ? new ApiResponse() : success);
        }
        ApiResponse success = responses.get(status);
        if (success.getDescription() == null || success.getDescription().isEmpty() || success.getDescription().equals("OK")) {
            success.setDescription(switch (route.status()) {
                case 201 -> "Created";
                case 202 -> "Accepted";
                default -> "OK";
            });
        }
        route.headers().forEach(name -> header(success, name));
        if (route.idempotencyKey()) {
            header(success, "Idempotent-Replayed");
            operation.addParametersItem(headerParameter("Idempotency-Key", "any unique text (1–200 printable ASCII "
                    + "characters) that makes a retry safe: the same user sending the same key again gets the first "
                    + "answer and nothing is recorded twice; the same key with another request is a 422",
                    string().minLength(1).maxLength(200).pattern("^[\\x20-\\x7E]+$")));
        }
        route.errors().forEach(code -> add(responses, code, OWN_ERRORS.getOrDefault(code, "refused")));
    }

    static void describe(OpenAPI api, String service, String server) {
        boolean command = service.contains("command");
        api.info(new Info().title(command ? "Plan Ledger command side" : "Plan Ledger query side").version("0.1.0")
                .summary(command ? "Changes to plans and activities, recorded as events" : "Read models, audit trail, reports")
                .description("Every error is RFC 9457 problem+json (schema Problem) with code, field and rule.")
                .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")));
        api.servers(List.of(new Server().url(server).description("this service")));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components);
        components.addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("an account of the ledger (./planledger user add)"));
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("an OpenID Connect access token, when the service is set up for one"));
        components.addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("plt_…").description("a personal API token (POST /api/me/tokens on the command side)"));
        api.security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("token"),
                new SecurityRequirement().addList("bearer")));
        components.addSchemas(PROBLEM, problemSchema());
        headers().forEach(components::addHeaders);
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                errors(path, method, operation)));
        // a header no answer of this service carries is not part of its description
        java.util.Set<String> used = new java.util.HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> operation.getResponses().values()
                .forEach(response -> {
                    if (response.getHeaders() != null) {
                        response.getHeaders().keySet().forEach(used::add);
                    }
                })));
        components.getHeaders().keySet().removeIf(name -> !used.contains(name));
    }

    private static void errors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.values().forEach(response -> header(response, REQUEST_ID));
        boolean body = operation.getRequestBody() != null;
        boolean ifMatch = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        add(responses, 400, body ? "the body or a parameter breaks a rule of the request's shape (field and rule say which)"
                : "a parameter breaks its rule (field and rule say which)");
        add(responses, 401, "no, bad or disabled credentials");
        add(responses, 403, "the role (or an officer's agency) may not do this");
        add(responses, 404, path.contains("{") ? "no such plan, activity, milestone or account, or no such route"
                : "no such route");
        add(responses, 406, "the Accept header names no media type this route answers with");
        if (body) {
            add(responses, 415, "the Content-Type is not one this route reads");
        }
        if (ifMatch) {
            add(responses, 409, "another change was recorded at the same moment; read the current version and retry");
            add(responses, 412, "If-Match names another version than the current one (currentVersion says which)");
        }
        add(responses, 429, "the user name failed to sign in too often; Retry-After says when to try again");
        add(responses, 503, method == PathItem.HttpMethod.GET
                ? "the database cannot be reached, or (query side) the read model the answer comes from is being rebuilt "
                        + "(READ_MODEL_REBUILDING); Retry-After says when to ask again"
                : "the database cannot be reached; nothing was recorded; Retry-After says when to retry");
        if (operation.getOperationId() == null) {
            operation.setOperationId(method.name().toLowerCase() + path.replaceAll("[^A-Za-z0-9]+", "_"));
        }
    }

    /** Adds a problem answer for a status unless the route documents its own. */
    public static void add(ApiResponses responses, int status, String description) {
        String key = String.valueOf(status);
        if (!responses.containsKey(key)) {
            responses.addApiResponse(key, problem(description));
        } else if (responses.get(key).getContent() == null || responses.get(key).getContent().containsKey("*/*")) {
            responses.get(key).setContent(problemContent());
        }
        ApiResponse response = responses.get(key);
        header(response, REQUEST_ID);
        if (status == 429 || status == 503) {
            header(response, "Retry-After");
        }
        if (status == 401) {
            header(response, "WWW-Authenticate");
        }
    }

    public static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** Puts a header of {@code components.headers} on a response. */
    public static void header(ApiResponse response, String name) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeaderObject(name, new Header().$ref("#/components/headers/" + name));
        }
    }

    static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, header("the request's id: the client's X-Request-Id when it is a token of 1–100 "
                + "characters [A-Za-z0-9._:-], else a new one; recorded in the metadata of the events it causes", string()));
        headers.put("Retry-After", header("seconds to wait before trying again", integer()));
        headers.put("WWW-Authenticate", header("the schemes to sign in with (Basic, and Bearer when set up)", string()));
        headers.put("ETag", header("the activity's version, a strong entity tag such as \"3\"; send it back in If-Match",
                string().pattern("^\"[0-9]+\"$")));
        headers.put("Location", header("where the created resource is", string().format("uri-reference")));
        headers.put("Idempotent-Replayed", header("true when this is the stored answer to an earlier request with the same "
                + "Idempotency-Key (nothing was recorded again)", string()._enum(List.of("true"))));
        headers.put("X-Ledger-Position", header("the ledger position the answer was built from", integer()));
        headers.put("X-Ledger-Digest", header("the published ledger digest (SHA-256, hex) the answer was built from",
                string().pattern("^[0-9a-f]{64}$")));
        headers.put("Content-Disposition", header("the file name of the report", string()));
        return headers;
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    public static Schema<Object> string() {
        return typed("string");
    }

    public static Schema<Object> integer() {
        return typed("integer");
    }

    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.type(type);
        schema.types(Set.of(type));
        return schema;
    }

    static Schema<Object> problemSchema() {
        Schema<Object> problem = typed("object");
        problem.description("RFC 9457 problem details with the ledger's code, field and rule");
        problem.addProperty("type", string().format("uri-reference").description("/problems/<code in kebab case>"));
        problem.addProperty("title", string());
        problem.addProperty("status", integer().minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)));
        problem.addProperty("detail", string().maxLength(600).description("for people; never echoes more than a few hundred characters of the request"));
        problem.addProperty("instance", string().format("uri-reference"));
        problem.addProperty("code", string()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).map(Object.class::cast).toList()));
        problem.addProperty("field", string().description("the field, parameter, header or part at fault"));
        problem.addProperty("rule", string().description("the rule it breaks, e.g. required, size:0..2000, date:YYYY-MM-DD"));
        Schema<Object> error = typed("object");
        error.addProperty("field", string());
        error.addProperty("rule", string());
        error.addProperty("message", string());
        Schema<Object> errors = typed("array");
        errors.items(error);
        errors.description("every field at fault when several are");
        problem.addProperty("errors", errors);
        problem.addProperty("currentVersion", integer().description("412: the activity's current version"));
        problem.addProperty("retryAfter", integer().description("503: seconds to wait"));
        problem.required(List.of("type", "title", "status", "code"));
        return problem;
    }

    /** A query or header parameter of this description, for routes that read it outside their signature. */
    public static Parameter headerParameter(String name, String description, Schema<?> schema) {
        return new Parameter().in("header").name(name).description(description).required(false).schema(schema);
    }
}
