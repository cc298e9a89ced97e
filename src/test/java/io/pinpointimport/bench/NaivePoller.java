package io.pinpointimport.bench;

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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * The reference of the polling benchmark: what AWS's samples and most scripts do - one
 * GetImportJob per job every few seconds from the moment the job was created until it
 * ends. It watches the jobs the service creates in the stand-in (so both pollers watch
 * the very same jobs) and sends signed GetImportJob requests through the SDK, as a script
 * would (the stand-in refuses unsigned requests, as AWS does).
 */
final class NaivePoller implements AutoCloseable {

	private final AwsStandIn standIn;

	private final String applicationId;

	private final Duration interval;

	private final PinpointClient pinpoint;

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
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
		this.pinpoint = standIn.pinpointClient();
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
		this.calls.incrementAndGet();
		boolean ended;
		try {
			String status = this.pinpoint
				.getImportJob(request -> request.applicationId(this.applicationId).jobId(jobId))
				.importJobResponse()
				.jobStatusAsString();
			ended = "COMPLETED".equals(status) || "FAILED".equals(status);
		}
		catch (SdkException ex) {
			ended = false;
		}
		if (ended) {
			this.sawEnd.putIfAbsent(jobId, Instant.now());
		}
		else {
			schedule(jobId, due.plus(this.interval));
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		this.pinpoint.close();
	}

}
