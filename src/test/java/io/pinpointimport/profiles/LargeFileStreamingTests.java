package io.pinpointimport.profiles;

import java.time.Duration;
import java.util.Map;

import io.pinpointimport.standin.profiles.ProfilesStandIn;
import io.pinpointimport.standin.profiles.UploadJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large file streams from its source through the conversion to the upload path with the
 * heap flat: the pipeline runs in a JVM of its own with a 48 MiB heap, once with a small
 * file and once with a file 2.5 times that heap, and holds no more for the large one.
 * {@code bench/profiles-streaming.sh} runs the same with 1 GB.
 */
class LargeFileStreamingTests {

	static final long SMALL = 2L << 20;

	static final long LARGE = 80L << 20;

	static ProfilesStandIn standIn;

	@BeforeAll
	static void start() {
		standIn = ProfilesStandIn.start(0);
		standIn.createDomain("streaming");
	}

	@AfterAll
	static void stop() {
		standIn.close();
	}

	@Test
	void aFileLargerThanTheHeapStreamsWithTheHeapFlat() throws Exception {
		Map<String, String> small = run(SMALL);
		Map<String, String> large = run(LARGE);
		assertThat(Double.parseDouble(large.get("maxHeapMiB"))).isLessThan(50);
		assertThat(Long.parseLong(large.get("convertedBytes")))
			.isGreaterThan(Long.parseLong(large.get("maxHeapMiB").split("\\.")[0]) << 20);
		// what the pipeline holds does not grow with the file
		assertThat(Double.parseDouble(large.get("peakRetainedMiB")))
			.isLessThan(Double.parseDouble(small.get("peakRetainedMiB")) + 12);
		UploadJob job = standIn.jobs()
			.stream()
			.filter(j -> j.id().equals(large.get("jobId")))
			.findFirst()
			.orElseThrow();
		assertThat(job.upload().bytes()).isEqualTo(Long.parseLong(large.get("convertedBytes")));
		assertThat(job.upload().rows()).isEqualTo(Long.parseLong(large.get("rows")));
		assertThat(job.upload().failedRows()).isZero();
		try (var client = standIn.client()) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> client.getUploadJob(request -> request.domainName("streaming").jobId(job.id()))
					.statusAsString(), "SUCCEEDED"::equals);
		}
		System.out.println("streaming small: " + small + "\nstreaming large: " + large);
	}

	static Map<String, String> run(long bytes) throws Exception {
		return StreamingRun.fork(standIn.endpoint(), "streaming", bytes, "48m");
	}

}
