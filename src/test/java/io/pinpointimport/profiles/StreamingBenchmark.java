package io.pinpointimport.profiles;

import java.util.Map;

import io.pinpointimport.standin.profiles.ProfilesStandIn;

/**
 * Streams generated CSV files of growing size (by default 16 MB and 950 MB, just under
 * Customer Profiles' 1 GB limit) through the upload pipeline in a JVM with a 64 MiB heap
 * and prints a Markdown table of the heap it used. Run by {@code bench/profiles/run.sh}.
 */
public final class StreamingBenchmark {

	private StreamingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String[] sizes = (args.length > 0) ? args : new String[] { "16", "950" };
		try (ProfilesStandIn standIn = ProfilesStandIn.start(0)) {
			standIn.createDomain("bench");
			System.out.println("| source MB | profile CSV bytes | rows | peak heap used MiB | peak heap after GC MiB "
					+ "| max heap MiB | seconds |");
			System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
			for (String size : sizes) {
				Map<String, String> run = StreamingRun.fork(standIn.endpoint(), "bench",
						Long.parseLong(size) * 1_000_000L, "64m");
				System.out.println("| " + size + " | " + run.get("convertedBytes") + " | " + run.get("rows") + " | "
						+ run.get("peakHeapMiB") + " | " + run.get("peakRetainedMiB") + " | " + run.get("maxHeapMiB")
						+ " | " + run.get("seconds") + " |");
			}
		}
	}

}
