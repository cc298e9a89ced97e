package io.pinpointimport.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

/**
 * Applies the location-wide rules to a listing and checks its files in parallel, with at
 * most a fixed number of findings held in memory however many files there are. Knows
 * nothing of S3: objects are opened through {@link Opener}.
 */
final class LocationCheck {

	/** Pinpoint's limit for one import job: 1 GB. */
	static final long MAX_LOCATION_BYTES = 1024L * 1024 * 1024;

	private final FileCheck fileCheck;

	private final Executor executor;

	private final int sampleRows;

	private final int maxFindings;

	LocationCheck(Executor executor, int sampleRows, int maxFindings) {
		this.fileCheck = new FileCheck(maxFindings);
		this.executor = executor;
		this.sampleRows = sampleRows;
		this.maxFindings = maxFindings;
	}

	/** Opens an object's content; the caller closes it. */
	@FunctionalInterface
	interface Opener {

		InputStream open(String key) throws IOException;

	}

	/**
	 * Validates {@code objects} (in key order) listed under {@code s3Url}; a null list
	 * means the bucket does not exist.
	 */
	ValidationReport run(String s3Url, FileFormat format, FileValidation mode, List<StoredObject> objects,
			Opener opener) {
		FileFindings location = new FileFindings(null, this.maxFindings);
		List<StoredObject> listed = (objects != null)
				? objects.stream().filter(object -> !(object.key().endsWith("/") && object.size() == 0)).toList()
				: List.of();
		FileReport[] reports = new FileReport[listed.size()];
		List<Integer> toCheck = new ArrayList<>();
		long bytes = 0;
		Merged merged = new Merged(this.maxFindings);
		for (int i = 0; i < listed.size(); i++) {
			StoredObject object = listed.get(i);
			FileFormat named = FileFormat.ofKey(object.key());
			if (named != format) {
				FileFindings file = new FileFindings(object.key(), this.maxFindings);
				file.report(Rule.FILE_OTHER_FORMAT, 0, null,
						() -> "the name does not end in " + format.extension()
								+ ", so Pinpoint skips this file when it " + "imports " + format
								+ " (silently): rename it if it holds " + format
								+ " endpoints, or move it out of the location");
				reports[i] = FileReport.skipped(object.key(), object.size(), named, null, SkipReason.OTHER_FORMAT, 0,
						file.warnings());
				merged.add(i, file);
			}
			else if (object.size() == 0) {
				FileFindings file = new FileFindings(object.key(), this.maxFindings);
				FileCheck.empty(file);
				reports[i] = FileReport.skipped(object.key(), 0, named, null, SkipReason.EMPTY, 0, file.warnings());
				merged.add(i, file);
			}
			else {
				bytes += object.size();
				toCheck.add(i);
			}
		}
		boolean anyOfFormat = listed.stream().anyMatch(object -> FileFormat.ofKey(object.key()) == format);
		if (objects == null) {
			location.report(Rule.LOCATION_EMPTY, 0, null, () -> "the bucket of " + s3Url
					+ " does not exist (or is in another account): check the bucket name");
		}
		else if (listed.isEmpty()) {
			location.report(Rule.LOCATION_EMPTY, 0, null, () -> "nothing is stored under " + s3Url
					+ ": check the bucket and the key or prefix (a prefix ends with /, and includes sub-folders)");
		}
		else if (!anyOfFormat) {
			int others = listed.size();
			location.report(Rule.LOCATION_EMPTY, 0, null,
					() -> "no " + format + " file (name ending in " + format.extension() + ") is under " + s3Url
							+ ", only " + others + " file(s) of other formats, which Pinpoint skips: upload " + format
							+ " files or import with the other format");
		}
		long maxRows = (mode == FileValidation.SAMPLE) ? this.sampleRows : Long.MAX_VALUE;
		if (bytes > MAX_LOCATION_BYTES) {
			long total = bytes;
			boolean full = mode == FileValidation.FULL;
			location.report(Rule.LOCATION_TOO_LARGE, 0, null,
					() -> "the " + format + " files under the location hold " + total + " bytes; one Pinpoint import "
							+ "reads at most 1 GB (" + MAX_LOCATION_BYTES + " bytes): split them across prefixes "
							+ "and import each separately"
							+ (full ? ". Only the first " + this.sampleRows + " rows of each file were checked" : ""));
			maxRows = this.sampleRows;
		}
		CustomAttributeNames names = new CustomAttributeNames();
		long rowLimit = maxRows;
		List<CompletableFuture<Void>> tasks = new ArrayList<>();
		for (int index : toCheck) {
			StoredObject object = listed.get(index);
			tasks.add(CompletableFuture.runAsync(() -> {
				FileCheck.Outcome outcome;
				try (InputStream content = opener.open(object.key())) {
					outcome = this.fileCheck.check(object.key(), object.size(), format, content, rowLimit, names);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				reports[index] = outcome.report();
				merged.add(index, outcome.findings());
			}, this.executor));
		}
		try {
			CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			tasks.forEach(task -> task.cancel(true));
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
		if (names.count() > CustomAttributeNames.PINPOINT_LIMIT) {
			String count = (names.capped() ? "at least " : "") + names.count();
			location.report(Rule.LOCATION_CUSTOM_ATTRIBUTES, 0, null,
					() -> "the files use " + count + " distinct custom attributes (Attributes.*, "
							+ "User.UserAttributes.* and Metrics.* together); Pinpoint allows "
							+ CustomAttributeNames.PINPOINT_LIMIT + " per application, including those it already "
							+ "has: drop or merge attributes");
		}
		merged.add(-1, location);
		return report(s3Url, format, mode, List.of(reports), toCheck.size(), bytes, merged);
	}

	private static ValidationReport report(String s3Url, FileFormat format, FileValidation mode, List<FileReport> files,
			int checked, long bytes, Merged merged) {
		long rows = 0;
		long endpointsWithErrors = 0;
		for (FileReport file : files) {
			rows += file.rows();
			endpointsWithErrors += file.endpointsWithErrors();
		}
		ValidationReport.Totals totals = new ValidationReport.Totals(files.size(), checked, bytes, rows,
				endpointsWithErrors, merged.errors, merged.warnings);
		return new ValidationReport(s3Url, format, mode, merged.errors == 0, totals, files, merged.byRule(),
				merged.listed(merged.kept.errors), merged.listed(merged.kept.warnings));
	}

	/**
	 * The findings of all files merged in file order (location-wide first), trimmed to
	 * the limit as each file completes so memory stays bounded.
	 */
	private static final class Merged {

		private final int limit;

		private final long[] countsByRule = new long[Rule.values().length];

		private long errors;

		private long warnings;

		private final Kept kept = new Kept();

		Merged(int limit) {
			this.limit = limit;
		}

		synchronized void add(int index, FileFindings file) {
			this.errors += file.errors();
			this.warnings += file.warnings();
			for (int i = 0; i < this.countsByRule.length; i++) {
				this.countsByRule[i] += file.countsByRule()[i];
			}
			List<Finding> errors = new ArrayList<>();
			List<Finding> warnings = new ArrayList<>();
			for (Finding finding : file.kept()) {
				(finding.severity() == Severity.ERROR ? errors : warnings).add(finding);
			}
			Comparator<Finding> byLine = Comparator.comparing(Finding::line,
					Comparator.nullsFirst(Comparator.naturalOrder()));
			errors.sort(byLine);
			warnings.sort(byLine);
			keep(this.kept.errors, index, errors);
			keep(this.kept.warnings, index, warnings);
		}

		private void keep(TreeMap<Integer, List<Finding>> kept, int index, List<Finding> findings) {
			if (findings.isEmpty()) {
				return;
			}
			kept.put(index, findings);
			int total = kept.values().stream().mapToInt(List::size).sum();
			while (total > this.limit) {
				Map.Entry<Integer, List<Finding>> last = kept.lastEntry();
				List<Finding> list = last.getValue();
				int drop = Math.min(total - this.limit, list.size());
				if (drop == list.size()) {
					kept.remove(last.getKey());
				}
				else {
					kept.put(last.getKey(), new ArrayList<>(list.subList(0, list.size() - drop)));
				}
				total -= drop;
			}
		}

		List<Finding> listed(TreeMap<Integer, List<Finding>> kept) {
			return kept.values().stream().flatMap(List::stream).toList();
		}

		Map<String, Long> byRule() {
			Map<String, Long> byRule = new LinkedHashMap<>();
			for (Rule rule : Rule.values()) {
				if (this.countsByRule[rule.ordinal()] > 0) {
					byRule.put(rule.id(), this.countsByRule[rule.ordinal()]);
				}
			}
			return byRule;
		}

		private static final class Kept {

			final TreeMap<Integer, List<Finding>> errors = new TreeMap<>();

			final TreeMap<Integer, List<Finding>> warnings = new TreeMap<>();

		}

	}

}
