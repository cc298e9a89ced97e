package io.pinpointimport.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** Settings from the environment, and the line that says where figures were measured. */
final class Machine {

	private Machine() {
	}

	/** A benchmark's body. */
	interface Harness {

		void run() throws Exception;

	}

	/**
	 * Runs a benchmark's body as its {@code main}, then exits: 0 when it completed, 1
	 * with the stack trace when it failed (the service and database are stopped by
	 * shutdown hooks either way).
	 */
	static void runAndExit(Harness harness) {
		try {
			harness.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	/** An integer setting from the environment, or {@code fallback}. */
	static long setting(String name, long fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : Long.parseLong(value.trim());
	}

	/** Date, cores, RAM, JDK and load average, e.g. for the head of a result table. */
	static String description() {
		return String.format("%s, %d cores, %d GiB RAM, %s %s, load average %s", LocalDate.now(),
				Runtime.getRuntime().availableProcessors(), Math.round(memoryGib()), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), loadAverage());
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static double memoryGib() {
		try {
			return Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter(line -> line.startsWith("MemTotal:"))
				.mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
				.findFirst()
				.orElse(0) / 1024.0 / 1024.0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The {@code p}-th percentile (0..100, nearest rank) of {@code values}. */
	static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

}
