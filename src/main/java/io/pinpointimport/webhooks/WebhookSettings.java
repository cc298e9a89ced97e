package io.pinpointimport.webhooks;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of webhook delivery.
 *
 * @param allowList host names or CIDR ranges of internal receivers exempt from the SSRF
 * guard (private, loopback and link-local addresses, plain HTTP); empty by default
 * @param initialBackoff wait before the first retry of a failed delivery; doubles with
 * each retry, with jitter
 * @param maxBackoff longest wait between two tries of one delivery
 * @param retryFor how long a delivery is retried before it is given up and its webhook
 * disabled
 * @param timeout upper bound of one delivery request (connect and answer)
 * @param pollInterval how often each replica looks for deliveries that are due
 * @param batchSize deliveries one replica takes on at a time
 * @param secretOverlap how long the previous secret still signs deliveries after a
 * rotation
 * @param resolveTimeout longest wait for DNS to answer for a webhook's host (a 503 when
 * creating, a failed try when delivering)
 */
@ConfigurationProperties("pinpoint-import.webhooks")
@Validated
public record WebhookSettings(@DefaultValue("") @NotNull List<String> allowList,
		@DefaultValue("5s") @NotNull Duration initialBackoff, @DefaultValue("1h") @NotNull Duration maxBackoff,
		@DefaultValue("24h") @NotNull Duration retryFor, @DefaultValue("10s") @NotNull Duration timeout,
		@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("20") @Min(1) int batchSize,
		@DefaultValue("24h") @NotNull Duration secretOverlap, @DefaultValue("5s") @NotNull Duration resolveTimeout) {

}
