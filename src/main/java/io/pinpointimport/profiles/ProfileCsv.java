package io.pinpointimport.profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The CSV Customer Profiles takes (UTF-8, a header row, RFC 4180 quoting), written from
 * endpoints as they are read: {@link #stream} is an input stream that converts one
 * endpoint at a time, so a file of any size passes through a buffer of one row.
 */
final class ProfileCsv {

	private ProfileCsv() {
	}

	/** The header row, with its line break. */
	static byte[] header(FieldMapping mapping) {
		StringBuilder line = new StringBuilder();
		for (String name : mapping.names()) {
			if (!line.isEmpty()) {
				line.append(',');
			}
			line.append(escape(name));
		}
		return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** One endpoint as a row, with its line break. */
	static byte[] row(FieldMapping mapping, Map<String, List<String>> endpoint) {
		StringBuilder line = new StringBuilder();
		List<FieldMapping.Column> columns = mapping.columns();
		for (int i = 0; i < columns.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(escape(columns.get(i).valueOf(endpoint)));
		}
		return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A value as a CSV field: quoted when it holds a comma, quote or line break. */
	static String escape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',' || c == '"' || c == '\n' || c == '\r') {
				return '"' + value.replace("\"", "\"\"") + '"';
			}
		}
		return value;
	}

	/** UTF-8 length of a value as a CSV field. */
	static long length(String value) {
		return escape(value).getBytes(StandardCharsets.UTF_8).length;
	}

	/** The profile CSV of {@code endpoints}, produced as it is read. */
	static InputStream stream(FieldMapping mapping, Iterator<Map<String, List<String>>> endpoints) {
		return new Converting(mapping, endpoints);
	}

	private static final class Converting extends InputStream {

		private final FieldMapping mapping;

		private final Iterator<Map<String, List<String>>> endpoints;

		private byte[] buffer;

		private int position;

		Converting(FieldMapping mapping, Iterator<Map<String, List<String>>> endpoints) {
			this.mapping = mapping;
			this.endpoints = endpoints;
			this.buffer = header(mapping);
		}

		private boolean fill() {
			while (this.position >= this.buffer.length) {
				if (!this.endpoints.hasNext()) {
					return false;
				}
				this.buffer = row(this.mapping, this.endpoints.next());
				this.position = 0;
			}
			return true;
		}

		@Override
		public int read() {
			return fill() ? (this.buffer[this.position++] & 0xFF) : -1;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			int copied = 0;
			while (copied < length && fill()) {
				int n = Math.min(length - copied, this.buffer.length - this.position);
				System.arraycopy(this.buffer, this.position, target, offset + copied, n);
				this.position += n;
				copied += n;
			}
			return (copied == 0) ? -1 : copied;
		}

		@Override
		public void close() throws IOException {
			if (this.endpoints instanceof AutoCloseable closeable) {
				try {
					closeable.close();
				}
				catch (IOException | RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new UncheckedIOException(new IOException(ex));
				}
			}
		}

	}

}
