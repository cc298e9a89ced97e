package io.pinpointimport.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every timestamp in a response is UTC with exactly six fractional digits (what
 * PostgreSQL keeps), e.g. {@code 2026-11-26T12:12:52.000000Z}: fixed-width, so clients
 * may sort and compare them as strings. Jackson's default drops the fraction of a whole
 * second ({@code 12:12:52Z}), which sorts after {@code 12:12:52.001Z}.
 */
@Configuration(proxyBeanMethods = false)
class JsonTimestamps {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Bean
	JacksonModule fixedWidthTimestamps() {
		return new SimpleModule("fixed-width-timestamps").addSerializer(Instant.class, new InstantSerializer());
	}

	private static final class InstantSerializer extends StdSerializer<Instant> {

		InstantSerializer() {
			super(Instant.class);
		}

		@Override
		public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(FORMAT.format(value));
		}

	}

}
