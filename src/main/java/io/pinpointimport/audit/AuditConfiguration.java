package io.pinpointimport.audit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the audit filter for the security filter chain, and keeps the servlet container
 * from running it a second time on its own.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	AuditFilter auditFilter(AuditRepository repository, JsonMapper json) {
		return new AuditFilter(repository, json);
	}

	@Bean
	FilterRegistrationBean<AuditFilter> auditFilterOutsideSecurityChain(AuditFilter filter) {
		FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

}
