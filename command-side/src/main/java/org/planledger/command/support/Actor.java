package org.planledger.command.support;

import java.util.Optional;
import org.planledger.shared.access.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who sends a command: the authenticated principal, the agency they act for and their role. Roles are authorities
 * {@code ROLE_<ROLE>}; an officer's agency is the authority {@code AGENCY_<agencyId>}.
 */
public record Actor(String user, String agency, String role) {

    public static Actor of(Authentication authentication) {
        String role = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).findFirst().orElse("");
        String agency = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(Role.AGENCY_AUTHORITY_PREFIX))
                .map(a -> a.substring(Role.AGENCY_AUTHORITY_PREFIX.length())).findFirst().orElse("");
        return new Actor(authentication.getName(), agency, role);
    }

    public Optional<String> agencyId() {
        return agency.isEmpty() ? Optional.empty() : Optional.of(agency);
    }
}
