package org.planledger.security;

import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request authenticated by a personal API token: its user's name, role and agency, as read at this request. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokens.Holder holder;

    ApiTokenAuthentication(ApiTokens.Holder holder) {
        super(AuthorityUtils.createAuthorityList(ApiTokens.authorities(holder)));
        this.holder = holder;
        setAuthenticated(true);
    }

    /** Which token was presented (its id, never its secret). */
    public UUID tokenId() {
        return holder.tokenId();
    }

    @Override
    public String getName() {
        return holder.username();
    }

    @Override
    public Object getPrincipal() {
        return holder.username();
    }

    @Override
    public Object getCredentials() {
        return null;
    }
}
