package org.planledger.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The command side's own meters (README, "Metrics"): every command (a POST, PUT, PATCH or DELETE under {@code /api/})
 * counted as accepted or refused, a refusal by its problem's {@code code} (so also the 401s, 429s and 503s that the
 * filters answer before Spring MVC: this filter comes first), and the latency of each. Spring's
 * {@code http.server.requests} times every request by route; this counts what the ledger did with a command.
 */
@Configuration(proxyBeanMethods = false)
class CommandMeters {

    @Bean
    FilterRegistrationBean<OutcomeFilter> commandOutcomes(MeterRegistry meters, ObjectMapper json) {
        FilterRegistrationBean<OutcomeFilter> filter = new FilterRegistrationBean<>(new OutcomeFilter(meters, json));
        filter.addUrlPatterns("/api/*");
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return filter;
    }

    static final class OutcomeFilter extends OncePerRequestFilter {

        private final MeterRegistry meters;
        private final ObjectMapper json;

        OutcomeFilter(MeterRegistry meters, ObjectMapper json) {
            this.meters = meters;
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return switch (request.getMethod()) {
                case "POST", "PUT", "PATCH", "DELETE" -> false;
                default -> true;
            };
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
            long begun = System.nanoTime();
            try {
                chain.doFilter(request, answer);
            } finally {
                int status = answer.getStatus();
                String outcome = status < 400 ? "accepted" : "refused";
                String code = status < 400 ? "none" : codeOf(answer, status);
                Counter.builder("planledger.commands").description("commands by outcome and the code of a refusal")
                        .tag("outcome", outcome).tag("code", code).tag("status", String.valueOf(status))
                        .register(meters).increment();
                Timer.builder("planledger.command.latency").description("from request to answer, per outcome")
                        .tag("outcome", outcome).publishPercentileHistogram().register(meters)
                        .record(System.nanoTime() - begun, java.util.concurrent.TimeUnit.NANOSECONDS);
                answer.copyBodyToResponse();
            }
        }

        private String codeOf(ContentCachingResponseWrapper answer, int status) {
            String type = answer.getContentType();
            if (type != null && type.contains("json")) {
                try {
                    JsonNode code = json.readTree(answer.getContentAsByteArray()).get("code");
                    if (code != null && code.isTextual() && code.asText().matches("[A-Z_]{1,40}")) {
                        return code.asText();
                    }
                } catch (IOException notJson) {
                    // a body that is not a problem: the status says it
                }
            }
            return "HTTP_" + status;
        }
    }
}
