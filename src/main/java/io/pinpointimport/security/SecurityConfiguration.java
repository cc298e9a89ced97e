package io.pinpointimport.security;

import java.util.List;

import io.pinpointimport.audit.AuditFilter;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The one security filter chain: stateless, API keys and (when an issuer, JWK set or
 * public key is configured) JWT bearer tokens; {@link AccessRules} decides who may call
 * what.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

	@Bean
	ProblemResponses securityProblemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	ApiKeys apiKeys(SecuritySettings settings) {
		return new ApiKeys(settings.apiKeys());
	}

	/**
	 * Spring Security's firewall, also refusing control characters (such as NUL) in
	 * parameter values: no parameter of this API needs them, and PostgreSQL cannot store
	 * them.
	 */
	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedParameterValues(value -> value == null
				|| value.codePoints().noneMatch(point -> Character.isISOControl(point) && point != '\t'));
		return firewall;
	}

	@Bean
	OpenApiSecurity openApiSecurity() {
		return new OpenApiSecurity();
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, SecuritySettings settings, ApiKeys apiKeys,
			ProblemResponses problems, ObjectProvider<JwtDecoder> jwtDecoder,
			ObjectProvider<RequestMappingHandlerMapping> mappings, AuditFilter auditFilter) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		configureCors(http, settings.cors());
		AuthenticationFilter apiKeyFilter = new AuthenticationFilter(apiKeys::authenticate, apiKeys::convert);
		apiKeyFilter.setSuccessHandler((request, response, authentication) -> {
		});
		apiKeyFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));
		http.addFilterBefore(apiKeyFilter, BearerTokenAuthenticationFilter.class);
		if (jwtDecoder.getIfAvailable() != null) {
			http.oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		}
		http.addFilterBefore(new RateLimitFilter(settings.rateLimit(), apiKeys, problems),
				ExceptionTranslationFilter.class);
		http.addFilterBefore(new RequestSizeLimitFilter(settings.maxRequestSize(), problems),
				ExceptionTranslationFilter.class);
		http.addFilterBefore(new MalformedRequestFilter(problems), ExceptionTranslationFilter.class);
		// After authentication, before authorization: denied calls are audited too.
		http.addFilterBefore(auditFilter, ExceptionTranslationFilter.class);
		http.authorizeHttpRequests(authorize -> {
			authorize.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
			settings.publicPaths().forEach(path -> authorize.requestMatchers(path).permitAll());
			authorize.requestMatchers(DashboardAccess.assets(), DashboardAccess.page()).permitAll();
			AccessRules.RULES.forEach(rule -> authorize.requestMatchers(rule.method(), rule.pattern())
				.hasAuthority(Scopes.authority(rule.scope())));
			authorize.requestMatchers("/api/**").access(new UnmappedPathsOnly(mappings));
			authorize.anyRequest().authenticated();
		});
		return http.build();
	}

	private static void configureCors(HttpSecurity http, SecuritySettings.Cors settings) throws Exception {
		if (settings.allowedOrigins().isEmpty()) {
			http.cors(cors -> cors.disable());
			return;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(settings.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, ApiKeyAuthentication.HEADER,
				"Idempotency-Key"));
		cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		http.cors(configurer -> configurer.configurationSource(source));
	}

}
