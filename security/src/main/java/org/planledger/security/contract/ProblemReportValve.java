package org.planledger.security.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Tomcat's own error report (requests refused before they reach the application: an undecodable or encoded-slash
 * path, a header too large, a malformed request line) as problem+json instead of Tomcat's HTML page.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = ApiProblems.byStatus(status);
        String message = response.getMessage();
        if (status == 400 && message != null && message.toLowerCase().contains("header")) {
            problem = ApiProblems.byStatus(431);
            problem.setStatus(400);
        } else if (status == 400 && message != null && (message.contains("URI") || message.contains("request target"))) {
            problem = org.planledger.security.ProblemDetails.of(org.planledger.shared.api.ErrorCode.MALFORMED_REQUEST,
                    "path", "valid-path", "the request path is not a valid, decodable path of this API");
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }
}
