package io.pinpointimport.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8CheckTest {

	@Test
	void acceptsEveryEncodingLengthEvenWhenSplitAcrossReads() throws IOException {
		byte[] text = "a\u00e9\u20ac\uD83D\uDE00z\n".getBytes(StandardCharsets.UTF_8);
		for (int chunk = 1; chunk <= text.length; chunk++) {
			Utf8Check check = new Utf8Check(new ByteArrayInputStream(text));
			drain(check, chunk);
			assertThat(check.valid()).as("chunk %d", chunk).isTrue();
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "lone continuation byte, 41 80 41, 1", "overlong two-byte form, 41 C0 AF, 1",
			"overlong three-byte form, 41 E0 80 AF, 1", "UTF-16 surrogate, 41 ED A0 80, 1",
			"above U+10FFFF, 41 F4 90 80 80, 1", "invalid lead byte, 41 FF, 1", "Latin-1 e-acute, 41 0A 42 E9 43, 3",
			"truncated at end of input, 41 42 E2 82, 2" })
	void findsTheFirstMalformedSequence(String description, String hex, long offset) throws IOException {
		Utf8Check check = new Utf8Check(new ByteArrayInputStream(bytes(hex)));
		drain(check, 2);
		assertThat(check.valid()).isFalse();
		assertThat(check.firstBadOffset()).isEqualTo(offset);
	}

	@Test
	void namesTheLineOfTheFirstMalformedSequence() throws IOException {
		Utf8Check check = new Utf8Check(new ByteArrayInputStream(bytes("41 0A 42 0A 43 E9 0A 80")));
		drain(check, 3);
		assertThat(check.firstBadLine()).isEqualTo(3);
		assertThat(check.badSequences()).isEqualTo(2);
	}

	@Test
	void countsLinesAndSeesTabsEightBytesAtATime() throws IOException {
		String ascii = "ChannelType,Address\n" + "SMS,+14155550100,a\tb\n".repeat(1000);
		byte[] text = (ascii + "\u00e9\n\n").getBytes(StandardCharsets.UTF_8);
		text[text.length - 2] = (byte) 0xFF;
		for (int chunk : new int[] { 7, 64, 8192 }) {
			Utf8Check check = new Utf8Check(new ByteArrayInputStream(text));
			drain(check, chunk);
			assertThat(check.tabSeen()).isTrue();
			assertThat(check.firstBadOffset()).as("chunk %d", chunk).isEqualTo(text.length - 2);
			assertThat(check.firstBadLine()).as("chunk %d", chunk).isEqualTo(1002);
		}
		Utf8Check noTabs = new Utf8Check(new ByteArrayInputStream(ascii.replace('\t', ' ').getBytes()));
		drain(noTabs, 4096);
		assertThat(noTabs.tabSeen()).isFalse();
		assertThat(noTabs.valid()).isTrue();
	}

	private static void drain(InputStream in, int chunk) throws IOException {
		byte[] buffer = new byte[chunk];
		while (in.read(buffer, 0, chunk) >= 0) {
			// read everything
		}
	}

	private static byte[] bytes(String hex) {
		String[] parts = hex.trim().split(" ");
		byte[] bytes = new byte[parts.length];
		for (int i = 0; i < parts.length; i++) {
			bytes[i] = (byte) Integer.parseInt(parts[i], 16);
		}
		return bytes;
	}

}
