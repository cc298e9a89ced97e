package io.pinpointimport.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;

/**
 * Checks a CSV endpoint file: the header once, then each row against it and against the
 * endpoint rules, in one pass with FastCSV. Values are checked in place, in FastCSV's own
 * buffer, as the parser hands them over; a row's findings are held until the row ends,
 * and dropped in favour of one column-count error when its values do not line up with the
 * header.
 */
final class CsvCheck {

	/**
	 * Largest record FastCSV buffers (in chars): far above Pinpoint's 15 KB per endpoint,
	 * and what bounds memory when a quote never closes.
	 */
	static final int MAX_RECORD_CHARS = 256 * 1024;

	private final FileFindings findings;

	private final EndpointCheck endpoint;

	private String[] names;

	private FieldKind[] kinds;

	private boolean sampled;

	private long rows;

	CsvCheck(FileFindings findings, EndpointCheck endpoint) {
		this.findings = findings;
		this.endpoint = endpoint;
	}

	/** Checks up to {@code maxRows} data rows of {@code in}; returns the rows read. */
	long check(Utf8Check in, long maxRows) {
		Rows handler = new Rows(in, maxRows);
		try (CsvReader<Rows> reader = CsvReader.builder()
			.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
			.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
			.allowUnclosedQuote(false)
			.maxBufferSize(MAX_RECORD_CHARS)
			.build(handler, in, StandardCharsets.UTF_8)) {
			Iterator<Rows> records = reader.iterator();
			while (this.rows < maxRows && records.hasNext()) {
				records.next();
			}
			// Reads one more record, which the handler leaves unchecked.
			this.sampled = this.rows >= maxRows && records.hasNext();
		}
		catch (CsvParseException ex) {
			this.findings.discardRow();
			long line = handler.line;
			this.findings.report(Rule.CSV_MALFORMED, line, null,
					() -> "the record starting on line " + line + " could not be read: a quoted value never closes "
							+ "or the record is longer than " + MAX_RECORD_CHARS + " characters. Close the quote "
							+ "(write a quote inside a value as \"\"); the rest of the file was not checked");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.rows;
	}

	/** True when rows were left unread because of the row limit. */
	boolean sampled() {
		return this.sampled;
	}

	private void header(List<String> header, long line) {
		int count = header.size();
		this.names = new String[count];
		this.kinds = new FieldKind[count];
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < count; i++) {
			String name = header.get(i).trim();
			this.names[i] = name;
			FieldKind kind = FieldKind.of(name);
			this.kinds[i] = kind;
			String custom = FieldKind.customName(name);
			boolean first = seen.add(name);
			if (kind == FieldKind.UNKNOWN) {
				this.findings.report(Rule.CSV_HEADER_UNKNOWN, line, name, () -> unknownHeader(name));
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
		// Pinpoint accepts a file that names users only: then each row needs the user id.
		this.endpoint.userIdsOnly(count == 1 && "User.UserId".equals(this.names[0]));
	}

	private static String unknownHeader(String name) {
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

	/**
	 * Receives each record from FastCSV: collects the header, then checks each value of a
	 * data row while it is still in the parser's buffer.
	 */
	private final class Rows extends AbstractBaseCsvCallbackHandler<Rows> {

		private final Utf8Check input;

		private final long maxRows;

		private final List<String> header = new ArrayList<>();

		long line;

		private boolean active;

		private boolean tabs;

		private int fields;

		private long bytes;

		Rows(Utf8Check input, long maxRows) {
			this.input = input;
			this.maxRows = maxRows;
		}

		@Override
		protected void handleBegin(long startingLineNumber) {
			this.line = startingLineNumber;
			this.fields = 0;
			this.bytes = 0;
			this.active = CsvCheck.this.names != null && CsvCheck.this.rows < this.maxRows;
			if (this.active) {
				CsvCheck.this.endpoint.begin(startingLineNumber);
				CsvCheck.this.findings.holdRow();
				// The checker has read at least as far as the parser: no tab seen, none
				// in this row.
				this.tabs = this.input.tabSeen();
			}
			else {
				this.header.clear();
			}
		}

		@Override
		protected void handleField(int index, char[] chars, int offset, int length, boolean quoted) {
			if (!this.active) {
				this.header.add(new String(chars, offset, length));
				return;
			}
			this.fields++;
			// The record's size as Pinpoint measures it: the line, with separators and
			// quotes.
			this.bytes += length + (quoted ? 3 : 1);
			if (length == 0 || index >= CsvCheck.this.names.length) {
				return;
			}
			String name = CsvCheck.this.names[index];
			if (this.tabs || quoted) {
				// Only a quoted value can hold a line break.
				boolean tab = false;
				boolean lineBreak = false;
				for (int c = offset; c < offset + length; c++) {
					char ch = chars[c];
					if (ch < ' ') {
						tab |= ch == '\t';
						lineBreak |= ch == '\n' || ch == '\r';
					}
				}
				if (tab) {
					CsvCheck.this.findings.report(Rule.CSV_VALUE_TAB, this.line, name,
							() -> "the value of " + name + " contains a tab: remove it or replace it with a space");
				}
				if (lineBreak) {
					CsvCheck.this.findings
						.report(Rule.CSV_VALUE_LINE_BREAK, this.line, name, () -> "the value of " + name
								+ " contains a line break, which Pinpoint does not accept even when quoted: remove it");
				}
			}
			// Spaces around a value are not part of it.
			int start = offset;
			int end = offset + length;
			while (start < end && chars[start] <= ' ') {
				start++;
			}
			while (end > start && chars[end - 1] <= ' ') {
				end--;
			}
			CsvCheck.this.endpoint.value(CsvCheck.this.kinds[index], name, chars, start, end - start);
		}

		@Override
		protected Rows buildRecord() {
			if (!this.active) {
				if (CsvCheck.this.names == null && getRecordType() == RecordType.DATA) {
					header(this.header, this.line);
				}
				return this;
			}
			if (getRecordType() != RecordType.DATA) {
				CsvCheck.this.findings.discardRow();
				return this;
			}
			CsvCheck.this.rows++;
			int columns = CsvCheck.this.names.length;
			if (this.fields != columns) {
				CsvCheck.this.findings.discardRow();
				int count = this.fields;
				CsvCheck.this.findings.report(Rule.CSV_COLUMN_COUNT, this.line, null,
						() -> "the row has " + count + " values but the header has " + columns
								+ " columns: add or remove values (quote values that contain commas)");
				CsvCheck.this.findings.endEndpoint();
				return this;
			}
			CsvCheck.this.findings.commitRow();
			CsvCheck.this.endpoint.size(this.bytes - 1);
			CsvCheck.this.endpoint.end();
			return this;
		}

	}

}
