package org.planledger.security.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.planledger.security.ProblemDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}): what failed outside Spring MVC (a filter, the container's own
 * refusals of a path or a header) is answered as problem+json too, whatever the request's Accept header, and never
 * with a stack trace, a class name or the request echoed.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ObjectMapper json;

    public ProblemErrorController(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemDetail problem;
        if (failure instanceof Throwable e) {
            problem = ProblemDetails.unexpected(e);
            if (problem.getStatus() >= 500 && problem.getStatus() != 503) {
                LOG.error("unexpected failure outside the controllers", e);
            }
        } else {
            problem = ApiProblems.byStatus(status instanceof Integer code && code >= 400 ? code : 404);
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (problem.getStatus() == 503) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemDetails.RETRY_AFTER_SECONDS));
        }
        ProblemDetails.write(response, json, problem);
    }
}
