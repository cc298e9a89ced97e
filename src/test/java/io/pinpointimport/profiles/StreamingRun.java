package io.pinpointimport.profiles;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicLong;

import io.pinpointimport.shared.FileFormat;
import io.pinpointimport.destination.ProfileField;
import io.pinpointimport.destination.ProfilesTarget;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;

/**
 * One import of a generated CSV file of a given size through the upload pipeline, in a
 * JVM of its own (run it with a small {@code -Xmx}), against a Customer Profiles stand-in
 * at a given endpoint. Prints one line: {@code rows=.. bytes=.. jobId=..
 * peakHeapMiB=.. peakRetainedMiB=.. seconds=..}.
 *
 * <p>
 * Arguments: stand-in endpoint, domain, bytes of CSV to generate.
 */
public final class StreamingRun {

	private StreamingRun() {
	}

	/**
	 * Runs this in a new JVM with the given maximum heap (e.g. {@code 48m}) and returns
	 * the values of its result line.
	 */
	static Map<String, String> fork(URI endpoint, String domain, long bytes, String heap) throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				StreamingRun.class.getName(), endpoint.toString(), domain, String.valueOf(bytes))
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("streaming run failed:\n" + out);
		}
		Matcher line = Pattern.compile("rows=.*").matcher(out);
		if (!line.find()) {
			throw new IllegalStateException("no result line:\n" + out);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : line.group().trim().split(" ")) {
			String[] kv = pair.split("=", 2);
			values.put(kv[0], kv[1]);
		}
		return values;
	}

	public static void main(String[] args) throws Exception {
		URI endpoint = URI.create(args[0]);
		String domain = args[1];
		long bytes = Long.parseLong(args[2]);
		HeapWatch watch = new HeapWatch();
		watch.start();
		Instant started = Instant.now();
		try (CustomerProfilesClient client = CustomerProfilesClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASTREAM", "stream")))
			.build()) {
			ProfilesGateway gateway = new ProfilesGateway(client);
			SourceFiles generated = new SourceFiles(null) {

				@Override
				List<SourceFile> list(String s3Url, FileFormat format) {
					return List.of(new SourceFile("generated", "endpoints.csv", bytes, "\"generated\""));
				}

				@Override
				InputStream open(SourceFile file) {
					return new GeneratedCsv(bytes);
				}

			};
			ProfilesUploads uploads = new ProfilesUploads(generated, gateway, new PresignedUpload());
			ProfilesTarget target = new ProfilesTarget(domain, null, null, 30);
			ProfilesUploads.Prepared prepared = uploads.prepare(target, "s3://generated/endpoints.csv", FileFormat.CSV)
				.prepared();
			Instant scanned = Instant.now();
			String jobId = uploads.create(target, "streaming " + bytes, prepared);
			uploads.upload(domain, jobId, prepared);
			System.out.println("scan " + Duration.between(started, scanned) + " upload "
					+ Duration.between(scanned, Instant.now()));
			gateway.start(domain, jobId);
			watch.stopWatching();
			System.out.printf(
					"rows=%d bytes=%d convertedBytes=%d jobId=%s peakHeapMiB=%.1f peakRetainedMiB=%.1f "
							+ "maxHeapMiB=%.1f seconds=%.1f%n",
					prepared.rows(), bytes, prepared.bytes(), jobId, watch.peakUsed.get() / 1048576.0,
					watch.peakRetained.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
					Duration.between(started, Instant.now()).toMillis() / 1000.0);
		}
	}

	/**
	 * Samples the heap: the most used at any moment, and the most still used right after
	 * a collection (what the program really holds).
	 */
	static final class HeapWatch extends Thread {

		final AtomicLong peakUsed = new AtomicLong();

		final AtomicLong peakRetained = new AtomicLong();

		private volatile boolean running = true;

		HeapWatch() {
			setDaemon(true);
		}

		@Override
		public void run() {
			List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.toList();
			while (this.running) {
				this.peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
						Math::max);
				long retained = pools.stream()
					.map(MemoryPoolMXBean::getCollectionUsage)
					.filter(java.util.Objects::nonNull)
					.mapToLong(MemoryUsage::getUsed)
					.sum();
				this.peakRetained.accumulateAndGet(retained, Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		void stopWatching() {
			this.running = false;
		}

	}

	/** A CSV of Pinpoint endpoints generated as it is read: no file, no buffer of it. */
	static final class GeneratedCsv extends InputStream {

		private static final byte[] HEADER = "ChannelType,Address,User.UserId,Attributes.Tier,Location.City\n"
			.getBytes(StandardCharsets.UTF_8);

		private final long limit;

		private long produced;

		private long row;

		private byte[] line = HEADER;

		private int position;

		GeneratedCsv(long limit) {
			this.limit = limit;
		}

		private boolean fill() {
			if (this.position < this.line.length) {
				return true;
			}
			if (this.produced >= this.limit) {
				return false;
			}
			this.row++;
			String text = (this.row % 2 == 0) ? "EMAIL,user" + this.row + "@example.com,u" + this.row + ",gold,Lyon\n"
					: "SMS,+3360" + String.format("%07d", this.row % 10_000_000) + ",u" + this.row + ",silver,Nantes\n";
			this.line = text.getBytes(StandardCharsets.UTF_8);
			this.position = 0;
			return true;
		}

		@Override
		public int read() {
			if (!fill()) {
				return -1;
			}
			this.produced++;
			return this.line[this.position++] & 0xFF;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (length == 0) {
				return 0;
			}
			int copied = 0;
			while (copied < length && fill()) {
				int n = Math.min(length - copied, this.line.length - this.position);
				System.arraycopy(this.line, this.position, target, offset + copied, n);
				this.position += n;
				this.produced += n;
				copied += n;
			}
			return (copied == 0) ? -1 : copied;
		}

	}

}
