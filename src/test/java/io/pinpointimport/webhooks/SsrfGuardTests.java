package io.pinpointimport.webhooks;

import java.net.InetAddress;
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

	private String rule(String url) {
		UrlRefused refused = catchThrowableOfType(UrlRefused.class, () -> this.guard.check(url));
		assertThat(refused).as(url).isNotNull();
		return refused.rule();
	}

}
