package io.pinpointimport.system;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTimestampsTests {

	private final JsonMapper json = JsonMapper.builder().addModule(new JsonTimestamps().fixedWidthTimestamps()).build();

	@Test
	void writesAWholeSecondWithItsSixZeroDigitsSoItSortsBeforeTheNextMillisecond() {
		String whole = this.json.writeValueAsString(Instant.parse("2026-11-26T12:12:52Z"));
		String next = this.json.writeValueAsString(Instant.parse("2026-11-26T12:12:52.001Z"));
		assertThat(whole).isEqualTo("\"2026-11-26T12:12:52.000000Z\"");
		assertThat(next).isEqualTo("\"2026-11-26T12:12:52.001000Z\"");
		assertThat(whole).isLessThan(next);
	}

	@Test
	void keepsMicrosecondsAndDropsWhatPostgresqlWouldNotStore() {
		assertThat(this.json.writeValueAsString(Map.of("at", Instant.parse("2026-11-26T12:12:52.123456789Z"))))
			.isEqualTo("{\"at\":\"2026-11-26T12:12:52.123456Z\"}");
	}

	@Test
	void readsWhatItWrites() {
		Instant instant = Instant.parse("2026-11-26T00:00:00.000100Z");
		assertThat(this.json.readValue(this.json.writeValueAsString(instant), Instant.class)).isEqualTo(instant);
	}

}
