package io.pinpointimport.validation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.shared.FileValidation;

/**
 * Throughput of FULL validation of one 1 GB file per format, read through the same
 * InputStream entry point S3 objects go through ({@link LocationCheck} with an
 * {@link LocationCheck.Opener}), next to a raw read of the same bytes. Not a test: run it
 * with {@code bench/validation/run.sh}.
 */
public final class ValidationBenchmark {

	// 1 GB (10^9 bytes): just under Pinpoint's 1 GiB limit for one import.
	private static final long TARGET_BYTES = 1_000_000_000L;

	private static final int READ_BUFFER = 64 * 1024;

	private static final AtomicLong maxLiveAfterGc = new AtomicLong();

	private ValidationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args.length > 0 ? args[0] : "bench/out/validation");
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
		Files.createDirectories(dir);
		watchGarbageCollections();
		Path csv = generate(dir.resolve("endpoints-1g.csv"), ValidationBenchmark::csvRows);
		Path json = generate(dir.resolve("endpoints-1g.json"), ValidationBenchmark::jsonRows);
		System.out.printf(Locale.ROOT, "JVM %s %s, max heap %d MiB, %d processor(s)%n",
				System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
				Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			for (Path file : List.of(csv, json)) {
				FileFormat format = FileFormat.ofKey(file.toString());
				// Warm-up on the first 128 MiB, then measured runs over the whole file.
				Result warmUp = validate(file, format, executor, 128L * 1024 * 1024);
				System.out.printf(Locale.ROOT,
						"%-4s warm-up on the first 128 MiB: peak heap used %.1f MiB, max live heap after GC %.1f MiB%n",
						format, warmUp.peakHeap / 1048576.0, warmUp.maxLive / 1048576.0);
				List<Run> measured = new ArrayList<>();
				for (int run = 1; run <= runs; run++) {
					String load = load();
					Result raw = rawRead(file);
					Result parser = parseOnly(file, format);
					Result validated = validate(file, format, executor, Long.MAX_VALUE);
					measured.add(new Run(load, raw, parser, validated));
					System.out.printf(Locale.ROOT,
							"%-4s run %d (load %s): per CPU-second: raw read %5.0f MB/s, parser alone %5.1f MB/s, "
									+ "validation %5.1f MB/s (%.3f of raw read) | wall clock: validation %5.1f MB/s "
									+ "| rows %,d, errors %,d | peak heap used %.1f MiB, max live heap after GC %.1f MiB%n",
							format, run, load, raw.megabytesPerCpuSecond(), parser.megabytesPerCpuSecond(),
							validated.megabytesPerCpuSecond(),
							validated.megabytesPerCpuSecond() / raw.megabytesPerCpuSecond(),
							validated.megabytesPerSecond(), validated.rows, validated.errors,
							validated.peakHeap / 1048576.0, validated.maxLive / 1048576.0);
				}
				// The goal is judged by the slowest run, against the references of that
				// same run.
				Run slowest = measured.stream()
					.max(Comparator.comparingLong((Run run) -> run.validated().cpuNanos()))
					.orElseThrow();
				Run fastest = measured.stream()
					.min(Comparator.comparingLong((Run run) -> run.validated().cpuNanos()))
					.orElseThrow();
				long peak = measured.stream().mapToLong((run) -> run.validated().peakHeap()).max().orElseThrow();
				long live = measured.stream().mapToLong((run) -> run.validated().maxLive()).max().orElseThrow();
				System.out.printf(Locale.ROOT,
						"%-4s slowest of %d (load %s): validation %.1f MB/s per CPU-second = %.3f of its raw read "
								+ "(%.0f MB/s) and %.2f of its parser alone (%.1f MB/s); fastest %.1f MB/s; "
								+ "peak heap used %.1f MiB of %d MiB, max live heap after GC %.1f MiB (%.1f MiB "
								+ "after the 128 MiB warm-up)%n",
						format, runs, slowest.load(), slowest.validated().megabytesPerCpuSecond(),
						slowest.validated().megabytesPerCpuSecond() / slowest.raw().megabytesPerCpuSecond(),
						slowest.raw().megabytesPerCpuSecond(),
						slowest.validated().megabytesPerCpuSecond() / slowest.parser().megabytesPerCpuSecond(),
						slowest.parser().megabytesPerCpuSecond(), fastest.validated().megabytesPerCpuSecond(),
						peak / 1048576.0, Runtime.getRuntime().maxMemory() >> 20, live / 1048576.0,
						warmUp.maxLive / 1048576.0);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * One measured pass: wall time, and the CPU time of the whole JVM (validation, GC and
	 * JIT), which is what "one core" costs and what a shared, busy machine cannot skew.
	 */
	private record Result(long bytes, long nanos, long cpuNanos, long rows, long errors, long peakHeap, long maxLive) {

		double megabytesPerSecond() {
			return this.bytes / 1e6 / (this.nanos / 1e9);
		}

		double megabytesPerCpuSecond() {
			return this.bytes / 1e6 / (this.cpuNanos / 1e9);
		}

	}

	/** One measured run: the load average at its start, the references, validation. */
	private record Run(String load, Result raw, Result parser, Result validated) {

	}

	private static String load() throws IOException {
		String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0];
	}

	/**
	 * The parser alone on the same bytes: FastCSV with a handler that does nothing, or
	 * Jackson reading every token; what validation cannot be faster than.
	 */
	private static Result parseOnly(Path file, FileFormat format) throws IOException {
		resetHeapStatistics();
		long start = System.nanoTime();
		long cpu = cpuNanos();
		long records = 0;
		try (InputStream in = Files.newInputStream(file)) {
			if (format == FileFormat.CSV) {
				try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder()
					.extraFieldStrategy(de.siegmar.fastcsv.reader.FieldMismatchStrategy.IGNORE)
					.missingFieldStrategy(de.siegmar.fastcsv.reader.FieldMismatchStrategy.IGNORE)
					.build(new de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler<Object>() {

						@Override
						protected Object buildRecord() {
							return this;
						}

					}, in, StandardCharsets.UTF_8)) {
					for (Object record : reader) {
						records++;
					}
				}
			}
			else {
				try (var parser = tools.jackson.core.json.JsonFactory.builder().build().createParser(in)) {
					while (parser.nextToken() != null) {
						records++;
					}
				}
			}
		}
		long nanos = System.nanoTime() - start;
		cpu = cpuNanos() - cpu;
		return new Result(Files.size(file), nanos, cpu, records, 0, peakHeap(), maxLiveAfterGc.get());
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static Result rawRead(Path file) throws IOException {
		resetHeapStatistics();
		byte[] buffer = new byte[READ_BUFFER];
		long bytes = 0;
		long sum = 0;
		long start = System.nanoTime();
		long cpu = cpuNanos();
		try (InputStream in = Files.newInputStream(file)) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				bytes += read;
				sum += buffer[0];
			}
		}
		long nanos = System.nanoTime() - start;
		cpu = cpuNanos() - cpu;
		if (sum == 42) {
			System.out.print("");
		}
		return new Result(bytes, nanos, cpu, 0, 0, peakHeap(), maxLiveAfterGc.get());
	}

	private static Result validate(Path file, FileFormat format, ExecutorService executor, long limit)
			throws IOException {
		resetHeapStatistics();
		long size = Math.min(Files.size(file), limit);
		LocationCheck check = new LocationCheck(executor, 1000, 1000);
		String key = "bench/" + file.getFileName();
		long start = System.nanoTime();
		long cpu = cpuNanos();
		ValidationReport report = check.run("s3://bench/" + key, format, FileValidation.FULL,
				List.of(new StoredObject(key, size)), opened -> limited(Files.newInputStream(file), limit));
		long nanos = System.nanoTime() - start;
		cpu = cpuNanos() - cpu;
		return new Result(size, nanos, cpu, report.totals().rows(), report.totals().errors(), peakHeap(),
				maxLiveAfterGc.get());
	}

	private static InputStream limited(InputStream in, long limit) {
		return (limit == Long.MAX_VALUE) ? in : new java.io.FilterInputStream(in) {

			private long left = limit;

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (this.left <= 0) {
					return -1;
				}
				int read = super.read(buffer, offset, (int) Math.min(length, this.left));
				if (read > 0) {
					this.left -= read;
				}
				return read;
			}

		};
	}

	private interface Rows {

		/**
		 * Writes the next rows (a header first, for CSV) and returns the bytes written.
		 */
		int write(OutputStream out, SplittableRandom random, long row) throws IOException;

	}

	private static Path generate(Path file, Rows rows) throws IOException {
		if (Files.exists(file) && Files.size(file) >= TARGET_BYTES
				&& Files.size(file) < LocationCheck.MAX_LOCATION_BYTES) {
			return file;
		}
		System.out.println("generating " + file + " ...");
		SplittableRandom random = new SplittableRandom(42);
		long written = 0;
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
			for (long row = 0; written < TARGET_BYTES; row++) {
				written += rows.write(out, random, row);
			}
		}
		return file;
	}

	private static final String[] COUNTRIES = { "US", "CA", "GB", "DE", "FR", "JP", "BR", "IN", "AU", "MX" };

	private static final String[] CITIES = { "San Francisco", "Toronto", "London", "Berlin", "Paris", "Tokyo",
			"Sao Paulo", "Mumbai", "Sydney", "Mexico City" };

	private static final String[] INTERESTS = { "music", "films", "sports", "travel", "books", "games", "food" };

	private static int csvRows(OutputStream out, SplittableRandom random, long row) throws IOException {
		StringBuilder line = new StringBuilder(256);
		if (row == 0) {
			line.append("ChannelType,Address,OptOut,Location.Country,Location.City,Location.Latitude,")
				.append("Location.Longitude,Demographic.Platform,User.UserId,User.UserAttributes.FirstName,")
				.append("Attributes.Interests,Attributes.Interests,Metrics.Score\n");
		}
		int place = random.nextInt(COUNTRIES.length);
		boolean sms = random.nextBoolean();
		line.append(sms ? "SMS," : "EMAIL,");
		address(line, random, row, sms);
		line.append(',')
			.append(random.nextInt(20) == 0 ? "ALL" : "NONE")
			.append(',')
			.append(COUNTRIES[place])
			.append(',')
			.append(CITIES[place])
			.append(',');
		line.append(degrees(random, 90))
			.append(',')
			.append(degrees(random, 180))
			.append(',')
			.append(random.nextBoolean() ? "iOS" : "Android")
			.append(",user-")
			.append(row)
			.append(",\"Name ")
			.append(row % 997)
			.append("\",")
			.append(INTERESTS[random.nextInt(INTERESTS.length)])
			.append(',')
			.append(INTERESTS[random.nextInt(INTERESTS.length)])
			.append(',')
			.append(random.nextInt(1000))
			.append('\n');
		byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
		out.write(bytes);
		return bytes.length;
	}

	private static int jsonRows(OutputStream out, SplittableRandom random, long row) throws IOException {
		StringBuilder line = new StringBuilder(384);
		int place = random.nextInt(COUNTRIES.length);
		boolean sms = random.nextBoolean();
		line.append("{\"ChannelType\":\"").append(sms ? "SMS" : "EMAIL").append("\",\"Address\":\"");
		address(line, random, row, sms);
		line.append("\",\"OptOut\":\"")
			.append(random.nextInt(20) == 0 ? "ALL" : "NONE")
			.append("\",\"Location\":{\"Country\":\"")
			.append(COUNTRIES[place])
			.append("\",\"City\":\"")
			.append(CITIES[place])
			.append("\",")
			.append("\"Latitude\":")
			.append(degrees(random, 90))
			.append(",\"Longitude\":")
			.append(degrees(random, 180))
			.append("},\"Demographic\":{\"Platform\":\"")
			.append(random.nextBoolean() ? "iOS" : "Android")
			.append("\"},\"User\":{\"UserId\":\"user-")
			.append(row)
			.append("\",\"UserAttributes\":{\"FirstName\":[\"Name ")
			.append(row % 997)
			.append("\"]}},\"Attributes\":{\"Interests\":[\"")
			.append(INTERESTS[random.nextInt(INTERESTS.length)])
			.append("\",\"")
			.append(INTERESTS[random.nextInt(INTERESTS.length)])
			.append("\"]},\"Metrics\":{\"Score\":")
			.append(random.nextInt(1000))
			.append("}}\n");
		byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
		out.write(bytes);
		return bytes.length;
	}

	private static double degrees(SplittableRandom random, int limit) {
		return Math.round(random.nextDouble(-limit, limit) * 1e4) / 1e4;
	}

	/** A valid address, except one row in 10,000 (so the error path runs too). */
	private static void address(StringBuilder line, SplittableRandom random, long row, boolean sms) {
		boolean bad = row % 10_000 == 9_999;
		if (sms) {
			line.append(bad ? "555-" : "+1").append(2000000000L + random.nextInt(999_999_999));
		}
		else {
			line.append("user").append(row).append(bad ? "-at-example.com" : "@example.com");
		}
	}

	private static void watchGarbageCollections() {
		for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
					long live = info.getGcInfo()
						.getMemoryUsageAfterGc()
						.values()
						.stream()
						.mapToLong(MemoryUsage::getUsed)
						.sum();
					maxLiveAfterGc.accumulateAndGet(live, Math::max);
				}
			}, null, null);
		}
	}

	private static void resetHeapStatistics() {
		System.gc();
		maxLiveAfterGc.set(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

}
