package io.pinpointimport.role;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Strong ETags on the import role reads. A role is read live from IAM (its drift and
 * state change without any write here), so its tag is the digest of the body: a 304 saves
 * the transfer, not the IAM reads.
 */
@Configuration(proxyBeanMethods = false)
class ImportRoleEtags {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> importRoleEtagFilter() {
		ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if ("GET".equals(request.getMethod())) {
					// May be kept, must be revalidated; set before the default no-store
					// is.
					response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, private");
				}
				super.doFilterInternal(request, response, chain);
			}

		};
		filter.setWriteWeakETag(false);
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/api/v1/import-roles", "/api/v1/import-roles/*");
		registration.setName("importRoleEtagFilter");
		return registration;
	}

}
