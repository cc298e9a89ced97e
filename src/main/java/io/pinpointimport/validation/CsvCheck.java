package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

/**
 * Checks a CSV endpoint file: the header once, then each row against it and against the
 * endpoint rules, in one pass with FastCSV.
 */
final class CsvCheck {

	/**
	 * Largest record FastCSV buffers (in chars): far above Pinpoint's 15 KB per endpoint,
	 * and what bounds memory when a quote never closes.
	 */
	static final int MAX_RECORD_CHARS = 256 * 1024;

	private final FileFindings findings;

	private final EndpointCheck endpoint;

	private String[] names = new String[0];

	private FieldKind[] kinds = new FieldKind[0];

	private boolean sampled;

	CsvCheck(FileFindings findings, EndpointCheck endpoint) {
		this.findings = findings;
		this.endpoint = endpoint;
	}

	/** Checks up to {@code maxRows} data rows of {@code in}; returns the rows read. */
	long check(InputStream in, long maxRows) {
		Row row = new Row();
		long rows = 0;
		try (CsvReader<Row> reader = CsvReader.builder()
			.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
			.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
			.allowUnclosedQuote(false)
			.maxBufferSize(MAX_RECORD_CHARS)
			.build(row, in, StandardCharsets.UTF_8)) {
			Iterator<Row> records = reader.iterator();
			boolean header = true;
			while (rows < maxRows && records.hasNext()) {
				records.next();
				if (header) {
					header(row);
					header = false;
				}
				else {
					rows++;
					row(row);
				}
			}
			this.sampled = rows >= maxRows && records.hasNext();
		}
		catch (CsvParseException ex) {
			long line = row.line;
			this.findings.report(Rule.CSV_MALFORMED, line, null,
					() -> "the record starting on line " + line + " could not be read: a quoted value never closes "
							+ "or the record is longer than " + MAX_RECORD_CHARS + " characters. Close the quote "
							+ "(write a quote inside a value as \"\"); the rest of the file was not checked");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	/** True when rows were left unread because of the row limit. */
	boolean sampled() {
		return this.sampled;
	}

	private void header(Row row) {
		int count = row.count;
		this.names = new String[count];
		this.kinds = new FieldKind[count];
		Set<String> seen = new HashSet<>();
		long line = row.line;
		boolean utf8Bom = false;
		for (int i = 0; i < count; i++) {
			String name = new String(row.chars, row.starts[i], row.lengths[i]);
			if (i == 0 && name.startsWith("\uFEFF")) {
				utf8Bom = true;
			}
			this.names[i] = name;
			FieldKind kind = FieldKind.of(name);
			this.kinds[i] = kind;
			String custom = FieldKind.customName(name);
			boolean first = seen.add(name);
			if (kind == FieldKind.UNKNOWN) {
				boolean bom = utf8Bom && i == 0;
				this.findings.report(Rule.CSV_HEADER_UNKNOWN, line, name, () -> unknownHeader(name, bom));
			}
			else if (custom != null && first) {
				this.endpoint.customName(custom, name, line);
			}
			if (!first && kind != FieldKind.ATTRIBUTE && kind != FieldKind.UNKNOWN) {
				this.findings.report(Rule.CSV_HEADER_DUPLICATE, line, name,
						() -> "column " + name + " appears more than once; only Attributes.* and "
								+ "User.UserAttributes.* columns may repeat (to give several values): remove the "
								+ "extra column");
			}
		}
	}

	private static String unknownHeader(String name, boolean bom) {
		if (bom) {
			return "the file starts with a UTF-8 byte order mark, which becomes part of the first column name: save "
					+ "the file as UTF-8 without BOM";
		}
		if (name.isBlank()) {
			return "a column has no name: name it (e.g. Attributes.Plan) or remove it";
		}
		if (name.equals("EndpointStatus")) {
			return "EndpointStatus cannot be imported: remove the column (use OptOut to stop messages)";
		}
		String known = FieldKind.knownIgnoringCase(name);
		if (known != null) {
			return "column '" + name + "' is not an attribute Pinpoint knows; names are case-sensitive: write " + known;
		}
		return "column '" + name + "' is not an attribute Pinpoint knows: use a known name (e.g. Address, "
				+ "ChannelType, Location.Country) or put custom data under Attributes., User.UserAttributes. or "
				+ "Metrics.";
	}

	private void row(Row row) {
		long line = row.line;
		this.endpoint.begin(line);
		if (row.count != this.names.length) {
			int count = row.count;
			this.findings.report(Rule.CSV_COLUMN_COUNT, line, null,
					() -> "the row has " + count + " values but the header has " + this.names.length
							+ " columns: add or remove values (quote values that contain commas)");
			this.findings.endEndpoint();
			return;
		}
		char[] chars = row.chars;
		long bytes = 0;
		for (int i = 0; i < row.count; i++) {
			int start = row.starts[i];
			int length = row.lengths[i];
			if (length == 0) {
				continue;
			}
			String name = this.names[i];
			int end = start + length;
			boolean tab = false;
			boolean lineBreak = false;
			for (int c = start; c < end; c++) {
				char ch = chars[c];
				if (ch < ' ') {
					if (ch == '\t') {
						tab = true;
					}
					else if (ch == '\n' || ch == '\r') {
						lineBreak = true;
					}
				}
			}
			if (tab) {
				this.findings.report(Rule.CSV_VALUE_TAB, line, name,
						() -> "the value of " + name + " contains a tab: remove it or replace it with a space");
			}
			if (lineBreak) {
				this.findings.report(Rule.CSV_VALUE_LINE_BREAK, line, name, () -> "the value of " + name
						+ " contains a line break, which Pinpoint does not accept even when quoted: remove it");
			}
			bytes += name.length() + length;
			this.endpoint.value(this.kinds[i], name, chars, start, length);
		}
		this.endpoint.size(bytes);
		this.endpoint.end();
	}

	/**
	 * Copies each record's fields out of FastCSV's buffer (which may move while a record
	 * is read) into one reusable array.
	 */
	private static final class Row extends AbstractBaseCsvCallbackHandler<Row> {

		long line;

		int count;

		char[] chars = new char[4096];

		int used;

		int[] starts = new int[64];

		int[] lengths = new int[64];

		@Override
		protected void handleBegin(long startingLineNumber) {
			this.line = startingLineNumber;
			this.count = 0;
			this.used = 0;
		}

		@Override
		protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
			if (this.count == this.starts.length) {
				this.starts = java.util.Arrays.copyOf(this.starts, this.count * 2);
				this.lengths = java.util.Arrays.copyOf(this.lengths, this.count * 2);
			}
			if (this.used + len > this.chars.length) {
				this.chars = java.util.Arrays.copyOf(this.chars, Math.max(this.chars.length * 2, this.used + len));
			}
			System.arraycopy(buf, offset, this.chars, this.used, len);
			this.starts[this.count] = this.used;
			this.lengths[this.count] = len;
			this.used += len;
			this.count++;
		}

		@Override
		protected Row buildRecord() {
			return this;
		}

	}

}
