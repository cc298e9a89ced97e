package io.pinpointimport.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PushbackInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CompressionTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "GZIP, 1F 8B 08 00", "ZIP, 50 4B 03 04 14 00", "BZIP2, 42 5A 68 39 31", "ZSTD, 28 B5 2F FD 04",
			"XZ, FD 37 7A 58 5A 00 00", "NONE, 43 68 61 6E 6E 65", "NONE, 1F", "NONE, 42 5A" })
	void recognisesCompressionByMagicBytesAndPushesThemBack(String expected, String hex) throws IOException {
		String[] parts = hex.split(" ");
		byte[] bytes = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		PushbackInputStream in = new PushbackInputStream(new ByteArrayInputStream(bytes), Compression.MAGIC_LENGTH);
		Compression found = Compression.sniff(in);
		assertThat((found != null) ? found.name() : "NONE").isEqualTo(expected);
		assertThat(in.readAllBytes()).isEqualTo(bytes);
	}

}
