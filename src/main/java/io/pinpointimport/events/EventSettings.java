package io.pinpointimport.events;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the events outbox and its stream.
 *
 * @param retention how long events stay in the outbox (and can be resumed from)
 * @param cleanupInterval how often events older than the retention are deleted
 * @param heartbeat how often an idle stream gets a comment line, so proxies keep it open
 * @param maxConnections event streams one replica serves at once; more get a 503 problem
 * @param batchSize events a stream reads from the outbox (and holds in memory) at a time
 * @param maxStreamDuration how long one stream stays open before the client must
 * reconnect (with Last-Event-ID)
 */
@ConfigurationProperties("pinpoint-import.events")
@Validated
public record EventSettings(@DefaultValue("7d") @NotNull Duration retention,
		@DefaultValue("1h") @NotNull Duration cleanupInterval, @DefaultValue("15s") @NotNull Duration heartbeat,
		@DefaultValue("200") @Min(1) int maxConnections, @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
		@DefaultValue("30m") @NotNull Duration maxStreamDuration) {

}
