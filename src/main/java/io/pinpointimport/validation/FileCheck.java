package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import io.pinpointimport.shared.FileFormat;

/**
 * Validates one endpoint file from any InputStream (an S3 object, a local file) in one
 * pass with constant memory: compression by magic bytes, UTF-8 with byte offsets, then
 * the CSV or JSON rules row by row.
 */
final class FileCheck {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final int findingLimit;

	FileCheck(int findingLimit) {
		this.findingLimit = findingLimit;
	}

	/** The report of one file together with its findings. */
	record Outcome(FileReport report, FileFindings findings) {
	}

	/**
	 * Checks up to {@code maxRows} rows of the file {@code key} (of {@code size} bytes)
	 * read from {@code content}; custom attribute names go to {@code names}.
	 */
	Outcome check(String key, long size, FileFormat format, InputStream content, long maxRows,
			CustomAttributeNames names) {
		FileFindings findings = new FileFindings(key, this.findingLimit);
		try {
			PushbackInputStream head = new PushbackInputStream(content, Compression.MAGIC_LENGTH);
			Compression compression = Compression.sniff(head);
			if (compression != null) {
				String name = compression.name().toLowerCase(Locale.ROOT);
				findings.report(Rule.FILE_COMPRESSED, 0, null,
						() -> "the file is " + name + "-compressed (whatever its name says) and Pinpoint imports only "
								+ "uncompressed files: decompress it and upload the plain " + format + " file");
				return new Outcome(FileReport.skipped(key, size, format, compression.name(), SkipReason.COMPRESSED,
						findings.errors(), findings.warnings()), findings);
			}
			int first = head.read();
			if (first < 0) {
				empty(findings);
				return new Outcome(FileReport.skipped(key, size, format, null, SkipReason.EMPTY, findings.errors(),
						findings.warnings()), findings);
			}
			head.unread(first);
			// A UTF-8 byte order mark is not part of the content (Pinpoint ignores it).
			byte[] start = head.readNBytes(BOM.length);
			boolean bom = java.util.Arrays.equals(start, BOM);
			if (!bom) {
				head.unread(start);
			}
			Utf8Check utf8 = new Utf8Check(head, bom ? BOM.length : 0);
			EndpointCheck endpoint = new EndpointCheck(findings, names);
			long rows;
			boolean sampled;
			if (format == FileFormat.CSV) {
				CsvCheck csv = new CsvCheck(findings, endpoint);
				rows = csv.check(utf8, maxRows);
				sampled = csv.sampled();
			}
			else {
				JsonLinesCheck json = new JsonLinesCheck(findings, endpoint);
				rows = json.check(utf8, maxRows);
				sampled = json.sampled();
			}
			if (!utf8.valid()) {
				long offset = utf8.firstBadOffset();
				long count = utf8.badSequences();
				String message = "the file is not valid UTF-8: the first bad byte sequence is at byte offset " + offset
						+ ((count > 1) ? " (" + count + " in all" + (sampled ? " in the part read" : "") + ")" : "")
						+ ". Pinpoint imports UTF-8 only: re-save or convert the file as UTF-8";
				findings.report(Rule.FILE_NOT_UTF8, new Finding(Severity.ERROR, Rule.FILE_NOT_UTF8.id(), key,
						utf8.firstBadLine(), offset, null, message));
			}
			return new Outcome(new FileReport(key, size, format, null, rows, findings.endpointsWithErrors(),
					findings.errors(), findings.warnings(), null, sampled), findings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void empty(FileFindings findings) {
		findings.report(Rule.FILE_EMPTY, 0, null,
				() -> "the file is empty and imports nothing: remove it or upload its content");
	}

}
