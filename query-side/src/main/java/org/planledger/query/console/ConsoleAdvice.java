package org.planledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planledger.security.ProblemDetails;
import org.planledger.security.SecurityLog;
import org.planledger.shared.access.Role;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * For the console's pages: who is signed in (on every page), and a refusal of the query classes (unknown plan, a
 * malformed date) shown as a page naming the field and the rule, with the API's status code.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private final SecurityLog securityLog;

    ConsoleAdvice(SecurityLog securityLog) {
        this.securityLog = securityLog;
    }

    @ModelAttribute("me")
    Viewer me(Authentication user) {
        return Viewer.of(user);
    }

    /** The page itself in the other language (Vietnamese ↔ English). */
    @ModelAttribute("langSwitch")
    String langSwitch(java.util.Locale locale) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("lang",
                "en".equals(locale.getLanguage()) ? "vi" : "en").build().toUriString();
    }

    @ExceptionHandler
    String on(LedgerException e, HttpServletRequest request, HttpServletResponse response, Model model,
            Authentication user) {
        var problem = ProblemDetails.of(e, request, securityLog);
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", String.valueOf(ProblemDetails.RETRY_AFTER_SECONDS));
        }
        model.addAttribute("me", Viewer.of(user));
        model.addAttribute("langSwitch", langSwitch(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("problem", e);
        model.addAttribute("status", problem.getStatus());
        return "console/error";
    }

    /** The signed-in user as the ledger records them: name, role, agency (officers). */
    public record Viewer(String user, String role, String agency) {

        static Viewer of(Authentication user) {
            if (user == null) {
                return null;
            }
            String role = "";
            String agency = "";
            for (GrantedAuthority a : user.getAuthorities()) {
                if (a.getAuthority().startsWith("ROLE_")) {
                    role = a.getAuthority().substring(5);
                } else if (a.getAuthority().startsWith(Role.AGENCY_AUTHORITY_PREFIX)) {
                    agency = a.getAuthority().substring(Role.AGENCY_AUTHORITY_PREFIX.length());
                }
            }
            return new Viewer(user.getName(), role, agency);
        }

        /**
         * Refuses (403, rule {@code offered-to-role}) a form of the plan's keepers to anyone else: the plan-level
         * forms (urging notice, amendment decision) are only offered to them; the command side decides again.
         */
        static void requirePlanAdmin(Authentication user, String form) {
            Viewer viewer = of(user);
            if (viewer == null || !Role.PLAN_ADMIN.name().equals(viewer.role())) {
                throw new LedgerException(ErrorCode.FORBIDDEN, "form", "offered-to-role",
                        (viewer == null ? "nobody" : viewer.user()) + " is not offered the " + form + " form");
            }
        }
    }
}
