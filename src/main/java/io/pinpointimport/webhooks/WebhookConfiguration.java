package io.pinpointimport.webhooks;

import java.net.InetAddress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The webhooks feature's infrastructure: the SSRF guard built from the allow-list.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	SsrfGuard ssrfGuard(WebhookSettings settings) {
		return new SsrfGuard(settings.allowList(), InetAddress::getAllByName, settings.resolveTimeout());
	}

}
