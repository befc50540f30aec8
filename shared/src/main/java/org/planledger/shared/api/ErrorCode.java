package org.planledger.shared.api;

/**
 * The public error vocabulary of both services. Each code becomes the last segment of the problem type
 * ({@code /problems/<slug>}) and fixes the HTTP status.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "Malformed request"),
    INVALID_FIELD(400, "Invalid field"),
    /** No such route or resource (a path the API does not have). */
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** The Accept header names no media type the route can answer with. */
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** The Content-Type is not one the route reads (also a wildcard such as {@code *}{@code /*}). */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Not allowed"),
    UNKNOWN_PLAN(404, "Unknown plan"),
    UNKNOWN_ACTIVITY(404, "Unknown activity"),
    UNKNOWN_MILESTONE(404, "Unknown milestone"),
    UNKNOWN_REPORT(404, "Unknown report"),
    UNKNOWN_USER(404, "Unknown user"),
    UNKNOWN_TOKEN(404, "Unknown API token"),
    DUPLICATE(409, "Already exists"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    /** A read model's rebuild was asked while another instance holds its processor's claim and did not carry it out. */
    READ_MODEL_BUSY(409, "Read model busy"),
    VERSION_MISMATCH(412, "Version does not match If-Match"),
    UNKNOWN_AGENCY(422, "Unknown agency"),
    RULE_BROKEN(422, "Business rule broken"),
    /** Too many failed logins for one user name: refused until the lock ends ({@code Retry-After}). */
    TOO_MANY_FAILED_LOGINS(429, "Too many failed logins"),
    /** A fault of the service itself; the answer names nothing of its inside (the log does). */
    INTERNAL_ERROR(500, "Internal error"),
    /** The database cannot be reached right now; {@code Retry-After} says when to try again. Nothing was recorded. */
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    /**
     * The read model the answer comes from is being rebuilt from the event store and is incomplete until the replay has
     * caught up; {@code Retry-After} says when to ask again.
     */
    READ_MODEL_REBUILDING(503, "Read model rebuilding");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String slug() {
        return name().toLowerCase().replace('_', '-');
    }
}
