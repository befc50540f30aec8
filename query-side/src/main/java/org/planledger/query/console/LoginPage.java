package org.planledger.query.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page (Vietnamese, English switch); the form posts to Spring Security's /login. With the identity provider
 * configured ({@link ProviderSignIn}) it leads there first.
 */
@Controller
class LoginPage {

    private final boolean provider;

    LoginPage(ObjectProvider<ClientRegistrationRepository> provider) {
        this.provider = provider.getIfAvailable() != null;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("provider", provider ? "/oauth2/authorization/" + ProviderSignIn.REGISTRATION : null);
        return "console/login";
    }
}
