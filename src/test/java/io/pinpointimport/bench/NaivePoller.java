package io.pinpointimport.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;

/**
 * The reference of the polling benchmark: what AWS's samples and most scripts do - one
 * GetImportJob per job every few seconds from the moment the job was created until it
 * ends. It watches the jobs the service creates in the stand-in (so both pollers watch
 * the very same jobs) and sends plain HTTP GetImportJob requests, keeping the harness's
 * own CPU cost per call low.
 */
final class NaivePoller implements AutoCloseable {

	private final AwsStandIn standIn;

	private final String applicationId;

	private final Duration interval;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
		Thread thread = new Thread(runnable, "naive-poller");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<String> tracked = ConcurrentHashMap.newKeySet();

	private final Map<String, Instant> sawEnd = new ConcurrentHashMap<>();

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong lateCalls = new AtomicLong();

	NaivePoller(AwsStandIn standIn, String applicationId, Duration interval) {
		this.standIn = standIn;
		this.applicationId = applicationId;
		this.interval = interval;
	}

	/** Starts watching for new jobs. */
	void start() {
		this.scheduler.scheduleWithFixedDelay(this::discover, 0, 20, TimeUnit.MILLISECONDS);
	}

	/** GetImportJob calls sent so far. */
	long calls() {
		return this.calls.get();
	}

	/**
	 * Calls sent more than one interval after they were due (the harness fell behind).
	 */
	long lateCalls() {
		return this.lateCalls.get();
	}

	/** When this poller first saw each job's terminal status. */
	Map<String, Instant> sawEnd() {
		return this.sawEnd;
	}

	int tracked() {
		return this.tracked.size();
	}

	private void discover() {
		for (PinpointStandIn.JobView job : this.standIn.pinpoint().jobs()) {
			if (job.applicationId().equals(this.applicationId) && this.tracked.add(job.id())) {
				// A script polls from the moment its CreateImportJob returned.
				schedule(job.id(), job.creationDate().plus(this.interval));
			}
		}
	}

	private void schedule(String jobId, Instant due) {
		long delay = Math.max(0, Duration.between(Instant.now(), due).toMillis());
		this.scheduler.schedule(() -> poll(jobId, due), delay, TimeUnit.MILLISECONDS);
	}

	private void poll(String jobId, Instant due) {
		if (Instant.now().isAfter(due.plus(this.interval))) {
			this.lateCalls.incrementAndGet();
		}
		HttpRequest request = HttpRequest
			.newBuilder(
					URI.create(this.standIn.endpoint() + "/v1/apps/" + this.applicationId + "/jobs/import/" + jobId))
			.build();
		this.calls.incrementAndGet();
		this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			boolean ended = failure == null && response.statusCode() == 200
					&& (response.body().contains("\"JobStatus\":\"COMPLETED\"")
							|| response.body().contains("\"JobStatus\":\"FAILED\""));
			if (ended) {
				this.sawEnd.putIfAbsent(jobId, Instant.now());
			}
			else {
				schedule(jobId, due.plus(this.interval));
			}
		});
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
