package org.planledger.security.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.planledger.security.ProblemDetails;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request with a body whose Content-Type cannot be read, or is a wildcard such as {@code *}{@code /*} (a body's
 * type must be concrete), is a 415 problem before anything reads the body (Spring would fail on it with a 500).
 */
public class ContentTypeGuard extends OncePerRequestFilter {

    private final ObjectMapper json;

    public ContentTypeGuard(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getHeader("Content-Type");
        boolean body = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (type != null && body && !concrete(type)) {
            ProblemDetails.write(response, json, ApiProblems.unsupportedMediaType("a concrete media type such as application/json"));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean concrete(String type) {
        try {
            MediaType media = MediaType.parseMediaType(type);
            return !media.isWildcardType() && !media.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
