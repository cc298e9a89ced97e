package io.pinpointimport.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller authenticated by a static API key: the principal is the configured client
 * name; the key itself is never kept.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	/** Header that carries the key. */
	public static final String HEADER = "X-Api-Key";

	private final String client;

	ApiKeyAuthentication(String client, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.client = client;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public Object getPrincipal() {
		return this.client;
	}

	@Override
	public String getName() {
		return this.client;
	}

}
