package org.planledger.security.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ErrorCode;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP contract both services keep (each imports this next to {@code LedgerSecurity}): request bodies read
 * strictly ({@link StrictJson}), every refusal from every layer as problem+json ({@link ApiProblems} for Spring MVC,
 * {@link ProblemErrorController} for the error page, the firewall's refusals here, {@link ProblemReportValve} for
 * Tomcat's own), a request id on every answer, and the OpenAPI description ({@link OpenApiContract}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiProblems.class, ProblemErrorController.class, OpenApiContract.class})
public class ApiContract {

    /** Request bodies read strictly; answers written as the service's mapper writes them. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(StrictJson.of(json));
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> filter = new FilterRegistrationBean<>(new RequestIds());
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return filter;
    }

    /** After sign-in, so that an unauthenticated caller learns nothing but 401. */
    @Bean
    FilterRegistrationBean<ContentTypeGuard> contentTypeGuard(ObjectMapper json) {
        FilterRegistrationBean<ContentTypeGuard> filter = new FilterRegistrationBean<>(new ContentTypeGuard(json));
        filter.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return filter;
    }

    /** Spring Security's firewall (encoded dots, {@code ;}, {@code \}, non-ASCII header values): 400 problem+json. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (request, response, e) -> {
            String message = String.valueOf(e.getMessage()).toLowerCase();
            String field = message.contains("header") ? "headers" : message.contains("parameter") ? "parameters" : "path";
            String rule = field.equals("path") ? "normalized-path" : "printable-ascii";
            ProblemDetails.write(response, json, ProblemDetails.of(ErrorCode.MALFORMED_REQUEST, field, rule,
                    field.equals("path") ? "the path must be normalized: no encoded dots or slashes, ';', '\\\\' or '//'"
                            : "the request's " + field + " may hold printable ASCII only"));
        };
    }

    /**
     * Tomcat's error report as problem+json: replaces the host's {@link ErrorReportValve} (Spring Boot adds a plain one
     * first; this customizer runs after it).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Container parent = context.getParent();
                    if (parent instanceof Host host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemReportValve());
                        if (host instanceof org.apache.catalina.core.StandardHost standard) {
                            standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                        }
                    }
                });
            }
        };
    }
}
