package org.planledger.security.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.planledger.security.ProblemDetails;
import org.planledger.security.SecurityLog;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal that reaches Spring MVC as RFC 7807 problem+json with {@code code}, {@code field} and {@code rule},
 * for both services: the ledger's own refusals, Spring MVC's (unreadable or invalid body, wrong parameter type,
 * 404, 405, 406, 415, 413), and what nothing else handled (503 with {@code Retry-After} when the database cannot be
 * reached, else a 500 naming nothing of the inside). A service's own advice, ordered before this one, handles what
 * only it knows (e.g. the event store's refusals).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    private final SecurityLog securityLog;

    public ApiProblems(SecurityLog securityLog) {
        this.securityLog = securityLog;
    }

    /** A refusal (one for lack of rights also goes to the security log). */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(LedgerException e, HttpServletRequest request) {
        return answer(ProblemDetails.of(e, request, securityLog));
    }

    /** What no handler knows: logged in full, answered without a word of the inside. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> on(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e; // the security filters answer these
        }
        if (e instanceof MultipartException) {
            return answer(e.getMessage() != null && e.getMessage().contains("not a multipart request")
                    ? unsupportedMediaType("multipart/form-data")
                    : ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "file", "multipart/form-data",
                            "the upload is not a readable multipart/form-data body"));
        }
        return unexpected(e);
    }

    /** The answer to an unexpected failure, for a service's own handlers too. */
    public static ResponseEntity<ProblemDetail> unexpected(Throwable e) {
        ProblemDetail problem = ProblemDetails.unexpected(e);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            LOG.warn("database unreachable: {}", e.toString());
        } else {
            LOG.error("unexpected failure", e);
        }
        return answer(problem);
    }

    /** A problem as problem+json with its status; a 503 says when to ask again ({@code Retry-After}). */
    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemDetails.RETRY_AFTER_SECONDS));
        }
        return answer.body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problemFor(e, status);
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, problem, answer, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    static ProblemDetail problemFor(Exception e, HttpStatusCode status) {
        if (e instanceof MethodArgumentNotValidException invalid) {
            return invalid(invalid.getBindingResult().getFieldErrors().stream().map(ApiProblems::fieldProblem).toList());
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            return invalid(invalid.getParameterValidationResults().stream()
                    .flatMap(r -> r.getResolvableErrors().stream().map(error -> Map.of(
                            "field", String.valueOf(r.getMethodParameter().getParameterName()),
                            "rule", rule(error.getCodes() == null ? "invalid" : error.getCodes()[error.getCodes().length - 1], null),
                            "message", String.valueOf(error.getDefaultMessage()))))
                    .toList());
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "parameter";
            if (mismatch instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m) {
                name = m.getName();
            }
            String kind = kind(mismatch.getRequiredType());
            return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, name, "type:" + kind,
                    name + " must be " + article(kind) + ", not '" + ProblemDetails.clip(mismatch.getValue()) + "'");
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return ProblemDetails.of(ErrorCode.INVALID_FIELD, missing.getParameterName(), "required",
                    "the parameter " + missing.getParameterName() + " is required");
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, missing.getHeaderName(), "required",
                    "the header " + missing.getHeaderName() + " is required");
        }
        if (e instanceof MissingServletRequestPartException missing) {
            return ProblemDetails.of(ErrorCode.INVALID_FIELD, missing.getRequestPartName(), "required",
                    "the part " + missing.getRequestPartName() + " is required");
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            return unsupportedMediaType(unsupported.getSupportedMediaTypes().stream().map(MediaType::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (e instanceof HttpMediaTypeNotAcceptableException unacceptable) {
            return ProblemDetails.of(ErrorCode.NOT_ACCEPTABLE, "Accept", "acceptable-media-type",
                    "this route answers with " + unacceptable.getSupportedMediaTypes().stream().map(MediaType::toString)
                            .collect(Collectors.joining(", ")) + " (and problems with application/problem+json)");
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            return ProblemDetails.of(ErrorCode.METHOD_NOT_ALLOWED, "method", "allowed-method",
                    "this route takes " + String.join(", ", method.getSupportedMethods() == null
                            ? new String[0] : method.getSupportedMethods()) + ", not " + ProblemDetails.clip(method.getMethod()));
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return notFound();
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return ProblemDetails.of(ErrorCode.PAYLOAD_TOO_LARGE, "file", "max-upload-size", "the upload is too large");
        }
        return byStatus(status.value());
    }

    /** 415, also for a Content-Type that cannot be read or is a wildcard. */
    public static ProblemDetail unsupportedMediaType(String supported) {
        return ProblemDetails.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "supported-media-type",
                "this route reads " + (supported.isEmpty() ? "no body" : supported));
    }

    public static ProblemDetail notFound() {
        return ProblemDetails.of(ErrorCode.NOT_FOUND, "path", "route-exists", "the API has no such route");
    }

    /** A refusal known only by its status (Tomcat, the error page): the code of that status, a generic rule. */
    public static ProblemDetail byStatus(int status) {
        return switch (status) {
            case 400 -> ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "request", "well-formed-http",
                    "the request is not well-formed (path, headers or body)");
            case 401 -> ProblemDetails.of(ErrorCode.UNAUTHENTICATED, "Authorization", "valid-credentials", "valid credentials are required");
            case 403 -> ProblemDetails.of(ErrorCode.FORBIDDEN, "role", "role-allowed", "not allowed");
            case 404 -> notFound();
            case 405 -> ProblemDetails.of(ErrorCode.METHOD_NOT_ALLOWED, "method", "allowed-method", "this route does not take this method");
            case 406 -> ProblemDetails.of(ErrorCode.NOT_ACCEPTABLE, "Accept", "acceptable-media-type", "no acceptable media type");
            case 413 -> ProblemDetails.of(ErrorCode.PAYLOAD_TOO_LARGE, "body", "max-size", "the request is too large");
            case 414 -> ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "path", "max-length", "the request path is too long");
            case 415 -> unsupportedMediaType("");
            case 431 -> ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "headers", "max-header-size", "the request headers are too large");
            case 503 -> ProblemDetails.unexpected(new org.springframework.jdbc.CannotGetJdbcConnectionException("unavailable"));
            default -> {
                if (status >= 400 && status < 500) {
                    ProblemDetail problem = ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "request", "http-" + status,
                            "the request was refused");
                    problem.setStatus(status);
                    yield problem;
                }
                yield ProblemDetails.unexpected(null);
            }
        };
    }

    private static ProblemDetail invalid(List<Map<String, String>> errors) {
        Map<String, String> first = errors.isEmpty() ? Map.of("field", "body", "rule", "valid", "message", "invalid request")
                : errors.get(0);
        ProblemDetail problem = ProblemDetails.of(ErrorCode.INVALID_FIELD, first.get("field"), first.get("rule"),
                errors.stream().map(f -> f.get("field") + ": " + f.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> fieldProblem(FieldError error) {
        Map<String, Object> attributes = Map.of();
        try {
            ConstraintViolation<?> violation = error.unwrap(ConstraintViolation.class);
            attributes = violation.getConstraintDescriptor().getAttributes();
        } catch (IllegalArgumentException notAViolation) {
            // a binding error: the code says enough
        }
        Map<String, String> problem = new LinkedHashMap<>();
        problem.put("field", error.getField());
        problem.put("rule", rule(String.valueOf(error.getCode()), attributes));
        problem.put("message", String.valueOf(error.getDefaultMessage()));
        return problem;
    }

    /** The rule a Bean Validation constraint stands for, with its bound: {@code max-length:2000}, {@code max-items:50}. */
    static String rule(String constraint, Map<String, Object> attributes) {
        Map<String, Object> a = attributes == null ? Map.of() : attributes;
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "size:" + a.getOrDefault("min", 0) + ".." + a.getOrDefault("max", "");
            case "Pattern" -> TextRules.ruleOf(String.valueOf(a.get("regexp")));
            case "Min" -> "min:" + a.getOrDefault("value", "");
            case "Max" -> "max:" + a.getOrDefault("value", "");
            default -> constraint.isEmpty() ? "invalid" : Character.toLowerCase(constraint.charAt(0)) + constraint.substring(1);
        };
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (mapping instanceof InputRuleException rule) {
                return ProblemDetails.of(ErrorCode.INVALID_FIELD, field, rule.rule(), field + " " + rule.getOriginalMessage());
            }
            if (mapping instanceof UnrecognizedPropertyException) {
                return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, field, "known-field", field + " is not a field of this request");
            }
            String kind = mapping instanceof MismatchedInputException mismatch ? kind(mismatch.getTargetType()) : "value";
            return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, field, "type:" + kind, field + " must be " + article(kind));
        }
        if (cause instanceof JsonProcessingException json && !(cause instanceof JsonMappingException)) {
            return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "body", "json",
                    "the request body is not well-formed JSON (line " + (json.getLocation() == null ? "?" : json.getLocation().getLineNr()) + ")");
        }
        if (cause == null || cause.getMessage() == null || e.getMessage().startsWith("Required request body is missing")) {
            return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "body", "required", "a JSON request body is required");
        }
        return ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, "body", "json-object",
                "the request body must be one JSON object of this request's shape");
    }

    /** The JSON kind of a Java type, as an API client knows it (never a class name). */
    static String kind(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "string";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "instant";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return "object";
    }

    private static String article(String kind) {
        return switch (kind) {
            case "integer", "instant", "array", "object", "enum" -> "an " + kind;
            default -> "a " + kind;
        };
    }
}
