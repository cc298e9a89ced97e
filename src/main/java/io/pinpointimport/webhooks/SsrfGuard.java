package io.pinpointimport.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refuses webhook URLs that would make the service call into its own network: non-HTTPS,
 * or resolving to a loopback, link-local (169.254.169.254, the instance metadata service,
 * among them), private, shared (CGNAT), unspecified or multicast address. Hosts and
 * ranges on the allow-list are exempt. Checked when a webhook is created and again before
 * every delivery, since DNS answers change; the delivery then connects to the address
 * this check vetted. Lookups are bounded in time.
 */
final class SsrfGuard {

	/** An address range of the allow-list. */
	private record Cidr(byte[] network, int bits) {

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((bytes[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

	/** Resolves host names; replaceable in tests. */
	interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;

	}

	/**
	 * A URL the guard let through and the one address, vetted with it, that a delivery
	 * connects to (no second lookup, which DNS rebinding could answer differently).
	 *
	 * @param uri the URL
	 * @param address the address to connect to
	 */
	record Destination(URI uri, InetAddress address) {

	}

	private static final AtomicInteger lookups = new AtomicInteger();

	/**
	 * Runs lookups, so that a resolver that does not answer is waited for a bounded time.
	 */
	private static final ExecutorService resolving = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "webhook-dns-" + lookups.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final List<String> allowedHosts;

	private final List<Cidr> allowedRanges;

	private final Resolver resolver;

	private final Duration resolveTimeout;

	SsrfGuard(List<String> allowList, Resolver resolver, Duration resolveTimeout) {
		this.allowedHosts = allowList.stream()
			.filter(entry -> !entry.contains("/"))
			.map(entry -> entry.toLowerCase(Locale.ROOT))
			.toList();
		this.allowedRanges = allowList.stream().filter(entry -> entry.contains("/")).map(SsrfGuard::cidr).toList();
		this.resolver = resolver;
		this.resolveTimeout = resolveTimeout;
	}

	SsrfGuard(List<String> allowList, Resolver resolver) {
		this(allowList, resolver, Duration.ofSeconds(5));
	}

	/** Checks {@code url}; throws {@link UrlRefused} naming the rule it breaks. */
	URI check(String url) {
		return vet(url).uri();
	}

	/**
	 * Checks {@code url}, resolving its host once, and answers the address to connect to;
	 * throws {@link UrlRefused} naming the rule it breaks, or {@link HostLookupFailed}
	 * when DNS does not answer in time.
	 */
	Destination vet(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new UrlRefused("valid-url", "'" + url + "' is not a URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = uri.getHost();
		if (host == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getUserInfo() != null) {
			throw new UrlRefused("valid-url", "must be an absolute http(s) URL with a host and no user info");
		}
		String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		InetAddress[] addresses = resolve(bareHost);
		if (this.allowedHosts.contains(bareHost.toLowerCase(Locale.ROOT))) {
			return new Destination(uri, addresses[0]);
		}
		boolean allowListed = Arrays.stream(addresses)
			.allMatch(address -> this.allowedRanges.stream().anyMatch(range -> range.contains(address)));
		if (allowListed) {
			return new Destination(uri, addresses[0]);
		}
		if (!scheme.equals("https")) {
			throw new UrlRefused("https-required", "must use https");
		}
		// Every address must pass: a client may pick any of them.
		for (InetAddress address : addresses) {
			String rule = forbidden(address);
			if (rule != null) {
				throw new UrlRefused(rule, "the host " + bareHost + " resolves to " + address.getHostAddress() + ", a "
						+ rule.replace("-address", "") + " address");
			}
		}
		return new Destination(uri, addresses[0]);
	}

	/** One lookup, waited for at most the resolve timeout. */
	private InetAddress[] resolve(String host) {
		Future<InetAddress[]> lookup = resolving.submit(() -> this.resolver.resolve(host));
		try {
			InetAddress[] addresses = lookup.get(this.resolveTimeout.toMillis(), TimeUnit.MILLISECONDS);
			if (addresses == null || addresses.length == 0) {
				throw new UnknownHostException(host);
			}
			return addresses;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownHostException) {
				throw new UrlRefused("resolvable-host", "the host " + host + " does not resolve");
			}
			throw new HostLookupFailed(host, ex.getCause().toString());
		}
		catch (UnknownHostException ex) {
			throw new UrlRefused("resolvable-host", "the host " + host + " does not resolve");
		}
		catch (TimeoutException ex) {
			lookup.cancel(true);
			throw new HostLookupFailed(host, "no DNS answer within " + this.resolveTimeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HostLookupFailed(host, "interrupted");
		}
	}

	/** The rule an address breaks, or null. */
	static String forbidden(InetAddress address) {
		if (address.isLoopbackAddress()) {
			return "loopback-address";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local-address";
		}
		if (address.isMulticastAddress()) {
			return "multicast-address";
		}
		if (address.isAnyLocalAddress()) {
			return "unspecified-address";
		}
		byte[] bytes = address.getAddress();
		if (address.isSiteLocalAddress()) {
			return "private-address";
		}
		if (address instanceof Inet4Address) {
			int first = bytes[0] & 0xFF;
			int second = bytes[1] & 0xFF;
			// 100.64.0.0/10 (shared, carrier-grade NAT) and 0.0.0.0/8 ("this network")
			if ((first == 100 && second >= 64 && second < 128) || first == 0) {
				return "private-address";
			}
			if (first >= 240) {
				return "reserved-address";
			}
		}
		if (address instanceof Inet6Address) {
			// fc00::/7, unique local addresses: IPv6's private ranges
			if ((bytes[0] & 0xFE) == 0xFC) {
				return "private-address";
			}
		}
		return null;
	}

	private static Cidr cidr(String entry) {
		String[] parts = entry.split("/", 2);
		try {
			byte[] network = InetAddress.getByName(parts[0]).getAddress();
			int bits = Integer.parseInt(parts[1]);
			if (bits < 0 || bits > network.length * 8) {
				throw new IllegalArgumentException(
						"pinpoint-import.webhooks.allow-list: bad prefix length in " + entry);
			}
			return new Cidr(network, bits);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("pinpoint-import.webhooks.allow-list: " + entry + " is not a CIDR range",
					ex);
		}
	}

}
