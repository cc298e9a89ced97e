package io.pinpointimport.webhooks;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The SSRF guard's rules, with a resolver that answers what a test needs (a DNS name that
 * points inside the network is refused like the address itself).
 */
class SsrfGuardTests {

	private final SsrfGuard guard = new SsrfGuard(List.of("10.1.0.0/16", "hooks.internal"), host -> switch (host) {
		case "rebound.example.com" -> new InetAddress[] { InetAddress.getByName("169.254.169.254") };
		case "public.example.com" -> new InetAddress[] { InetAddress.getByName("93.184.215.14") };
		case "mixed.example.com" ->
			new InetAddress[] { InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.1.10") };
		case "hooks.internal" -> new InetAddress[] { InetAddress.getByName("10.9.8.7") };
		default -> InetAddress.getAllByName(host);
	});

	@Test
	void refusesEachForbiddenKindOfAddressNamingTheRule() {
		assertThat(rule("https://127.0.0.1/hook")).isEqualTo("loopback-address");
		assertThat(rule("https://[::1]/hook")).isEqualTo("loopback-address");
		assertThat(rule("https://169.254.169.254/latest/meta-data")).isEqualTo("link-local-address");
		assertThat(rule("https://rebound.example.com/hook")).isEqualTo("link-local-address");
		assertThat(rule("https://10.0.0.1/hook")).isEqualTo("private-address");
		assertThat(rule("https://172.16.5.4/hook")).isEqualTo("private-address");
		assertThat(rule("https://192.168.1.1/hook")).isEqualTo("private-address");
		assertThat(rule("https://100.64.0.1/hook")).isEqualTo("private-address");
		assertThat(rule("https://[fd00::1]/hook")).isEqualTo("private-address");
		assertThat(rule("https://mixed.example.com/hook")).isEqualTo("private-address");
		assertThat(rule("https://224.0.0.1/hook")).isEqualTo("multicast-address");
		assertThat(rule("https://0.0.0.0/hook")).isEqualTo("unspecified-address");
		assertThat(rule("http://93.184.215.14/hook")).isEqualTo("https-required");
		assertThat(rule("ftp://public.example.com/hook")).isEqualTo("valid-url");
		assertThat(rule("https://user:pw@public.example.com/hook")).isEqualTo("valid-url");
	}

	@Test
	void acceptsPublicHttpsAndAllowListedReceivers() {
		assertThatNoException().isThrownBy(() -> this.guard.check("https://public.example.com/hook"));
		assertThatNoException().isThrownBy(() -> this.guard.check("http://10.1.2.3:8080/hook"));
		assertThatNoException().isThrownBy(() -> this.guard.check("http://hooks.internal/hook"));
		assertThat(rule("https://10.2.0.1/hook")).as("outside the allowed range").isEqualTo("private-address");
	}

	@Test
	void answersTheVettedAddressThatADeliveryConnectsTo() throws Exception {
		assertThat(this.guard.vet("https://public.example.com/hook").address())
			.isEqualTo(InetAddress.getByName("93.184.215.14"));
		assertThat(this.guard.vet("http://hooks.internal:8080/hook").address())
			.as("an allow-listed host name is resolved too: the delivery needs its address")
			.isEqualTo(InetAddress.getByName("10.9.8.7"));
		assertThat(this.guard.vet("http://10.1.2.3:8080/hook").address()).isEqualTo(InetAddress.getByName("10.1.2.3"));
	}

	@Test
	void aHostThatDoesNotResolveIsRefusedAndOneWhoseLookupHangsIsAnOutageAnsweredPromptly() {
		assertThat(rule("https://no-such-host.invalid/hook")).isEqualTo("resolvable-host");
		SsrfGuard impatient = new SsrfGuard(List.of(), (host) -> {
			// a DNS server that never answers
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
			return new InetAddress[0];
		}, Duration.ofMillis(200));
		long started = System.nanoTime();
		HostLookupFailed failed = catchThrowableOfType(HostLookupFailed.class,
				() -> impatient.check("https://slow.example.com/hook"));
		assertThat(failed).isNotNull();
		assertThat(failed.getStatusCode().value()).isEqualTo(503);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	private String rule(String url) {
		UrlRefused refused = catchThrowableOfType(UrlRefused.class, () -> this.guard.check(url));
		assertThat(refused).as(url).isNotNull();
		return refused.rule();
	}

}
