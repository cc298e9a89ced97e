package io.pinpointimport.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs webhook deliveries to exactly the address the SSRF guard vetted: the target
 * carries that address, so the client never resolves the host again (a lookup DNS
 * rebinding could answer with an internal address), while the Host header, TLS SNI and
 * certificate check still use the host name. Its own resolver refuses every lookup, so a
 * delivery without a vetted address cannot connect. Each request ends within the timeout,
 * however slowly the receiver answers.
 */
final class PinnedDeliveryClient implements AutoCloseable {

	/** Refuses every lookup: a delivery connects only to the address in its target. */
	private static final DnsResolver NO_LOOKUPS = new DnsResolver() {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			throw new UnknownHostException("webhook deliveries connect to vetted addresses only, not " + host);
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return resolve(host)[0].getHostName();
		}

	};

	private final CloseableHttpClient http;

	private final Duration timeout;

	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "webhook-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	PinnedDeliveryClient(Duration timeout) {
		this.timeout = timeout;
		Timeout limit = Timeout.of(timeout);
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(NO_LOOKUPS)
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.setMaxConnTotal(50)
				.setMaxConnPerRoute(4)
				.build())
			.setDefaultRequestConfig(
					RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent("pinpoint-import-service-webhooks")
			.build();
	}

	/** POSTs {@code json} to the destination; the receiver's status code. */
	int post(SsrfGuard.Destination destination, Map<String, String> headers, String json) throws IOException {
		String host = destination.uri().getHost();
		HttpHost target = new HttpHost(destination.uri().getScheme(), destination.address(),
				host.startsWith("[") ? host.substring(1, host.length() - 1) : host, destination.uri().getPort());
		HttpPost request = new HttpPost(destination.uri());
		headers.forEach(request::setHeader);
		request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
		ScheduledFuture<?> deadline = this.deadlines.schedule(request::cancel, this.timeout.toMillis(),
				TimeUnit.MILLISECONDS);
		// The body is never read: closing the response closes its connection.
		try (ClassicHttpResponse response = this.http.executeOpen(target, request, null)) {
			return response.getCode();
		}
		finally {
			deadline.cancel(false);
		}
	}

	@Override
	public void close() throws IOException {
		this.deadlines.shutdownNow();
		this.http.close();
	}

}
