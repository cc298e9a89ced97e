package io.pinpointimport.profiles;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import io.pinpointimport.shared.FileFormat;

/**
 * Reads the endpoints of one file, one at a time, as Pinpoint field names in dot notation
 * ({@code User.UserAttributes.FirstName}) to their values - several for a repeated CSV
 * column or a JSON array. Only the current endpoint is held.
 */
abstract class EndpointReader implements Iterator<Map<String, List<String>>>, Closeable {

	/** Longest line or record read; longer ones are reported as malformed. */
	static final int MAX_RECORD_CHARS = 1 << 20;

	private static final JsonFactory JSON = JsonFactory.builder().build();

	/** A file could not be read as its format. */
	static final class Malformed extends RuntimeException {

		private final long line;

		Malformed(long line, String message) {
			super(message, null, false, false);
			this.line = line;
		}

		long line() {
			return this.line;
		}

	}

	/**
	 * Line of the endpoint last returned (1-based; the header is line 1 of a CSV file).
	 */
	abstract long line();

	static EndpointReader open(InputStream in, FileFormat format) {
		// Customer Profiles takes UTF-8 only: bad bytes stop the read instead of turning
		// into U+FFFD.
		InputStreamReader reader = new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT));
		return (format == FileFormat.CSV) ? new Csv(reader) : new Json(new BufferedReader(reader, 1 << 16));
	}

	private static final class Csv extends EndpointReader {

		private final CsvReader<CsvRecord> reader;

		private final Iterator<CsvRecord> records;

		private List<String> header;

		private long line;

		Csv(InputStreamReader in) {
			this.reader = CsvReader.builder()
				.allowExtraFields(true)
				.allowMissingFields(true)
				.maxBufferSize(MAX_RECORD_CHARS)
				.ofCsvRecord(in);
			this.records = this.reader.iterator();
		}

		@Override
		public boolean hasNext() {
			try {
				if (this.header == null) {
					if (!this.records.hasNext()) {
						return false;
					}
					CsvRecord first = this.records.next();
					this.line = first.getStartingLineNumber();
					this.header = first.getFields().stream().map(String::trim).toList();
				}
				return this.records.hasNext();
			}
			catch (CsvParseException ex) {
				throw new Malformed(this.line + 1, "a record could not be read: " + ex.getMessage());
			}
			catch (UncheckedIOException ex) {
				throw new Malformed(this.line + 1, "not UTF-8 text: " + ex.getCause().getMessage());
			}
		}

		@Override
		public Map<String, List<String>> next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			CsvRecord record = this.records.next();
			this.line = record.getStartingLineNumber();
			Map<String, List<String>> endpoint = new LinkedHashMap<>();
			for (int i = 0; i < Math.min(this.header.size(), record.getFieldCount()); i++) {
				String value = record.getField(i);
				if (!value.isEmpty()) {
					endpoint.computeIfAbsent(this.header.get(i), name -> new ArrayList<>(1)).add(value);
				}
			}
			return endpoint;
		}

		@Override
		long line() {
			return this.line;
		}

		@Override
		public void close() throws IOException {
			this.reader.close();
		}

	}

	private static final class Json extends EndpointReader {

		private final BufferedReader in;

		private long line;

		private Map<String, List<String>> next;

		Json(BufferedReader in) {
			this.in = in;
		}

		@Override
		public boolean hasNext() {
			while (this.next == null) {
				String text;
				try {
					text = this.in.readLine();
				}
				catch (IOException ex) {
					throw new Malformed(this.line + 1, "not UTF-8 text: " + ex.getMessage());
				}
				if (text == null) {
					return false;
				}
				this.line++;
				if (text.length() > MAX_RECORD_CHARS) {
					throw new Malformed(this.line, "the line is longer than " + MAX_RECORD_CHARS + " characters");
				}
				if (!text.isBlank()) {
					this.next = parse(text);
				}
			}
			return true;
		}

		@Override
		public Map<String, List<String>> next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			Map<String, List<String>> endpoint = this.next;
			this.next = null;
			return endpoint;
		}

		private Map<String, List<String>> parse(String text) {
			Map<String, List<String>> endpoint = new LinkedHashMap<>();
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					throw new Malformed(this.line, "each line must be one JSON object (an endpoint)");
				}
				object(parser, "", endpoint);
				if (parser.nextToken() != null) {
					throw new Malformed(this.line, "the line holds more than one JSON value");
				}
			}
			catch (JacksonException ex) {
				throw new Malformed(this.line, "not valid JSON: " + ex.getOriginalMessage());
			}
			return endpoint;
		}

		private static void object(JsonParser parser, String prefix, Map<String, List<String>> endpoint) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = prefix + parser.currentName();
				value(parser, parser.nextToken(), name, endpoint);
			}
		}

		private static void value(JsonParser parser, JsonToken token, String name, Map<String, List<String>> endpoint) {
			switch (token) {
				case START_OBJECT -> object(parser, name + ".", endpoint);
				case START_ARRAY -> {
					JsonToken item;
					while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
						value(parser, item, name, endpoint);
					}
				}
				case VALUE_NULL -> {
				}
				default -> endpoint.computeIfAbsent(name, key -> new ArrayList<>(1)).add(parser.getString());
			}
		}

		@Override
		long line() {
			return this.line;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
