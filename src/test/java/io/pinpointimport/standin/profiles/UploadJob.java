package io.pinpointimport.standin.profiles;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One upload job as the stand-in keeps it. Status moves CREATED -> IN_PROGRESS (on
 * StartUploadJob) -> SUCCEEDED | PARTIALLY_SUCCEEDED | FAILED, or to STOPPED (on
 * StopUploadJob), the values of the model's {@code UploadJobStatus} enum.
 */
public final class UploadJob {

	/**
	 * One column of the job's {@code Fields} map (the model's {@code ObjectTypeField}).
	 */
	public record Field(String source, String target, String contentType) {

	}

	/** What the last PUT to the job's upload path delivered. */
	public record Upload(List<String> header, long rows, long failedRows, List<String> newKeys, long bytes,
			List<Map<String, String>> firstRows) {

	}

	private final String id;

	private final String domain;

	private final String displayName;

	private final Map<String, Field> fields;

	private final String uniqueKey;

	private final Integer dataExpiry;

	private final Instant createdAt;

	private String status = "CREATED";

	private String statusReason;

	private Instant startedAt;

	private Instant completedAt;

	private Upload upload;

	private int uploads;

	private long created;

	private long updated;

	private long failed;

	UploadJob(String id, String domain, String displayName, Map<String, Field> fields, String uniqueKey,
			Integer dataExpiry, Instant createdAt) {
		this.id = id;
		this.domain = domain;
		this.displayName = displayName;
		this.fields = Map.copyOf(fields);
		this.uniqueKey = uniqueKey;
		this.dataExpiry = dataExpiry;
		this.createdAt = createdAt;
	}

	public String id() {
		return this.id;
	}

	public String domain() {
		return this.domain;
	}

	public String displayName() {
		return this.displayName;
	}

	public Map<String, Field> fields() {
		return this.fields;
	}

	public String uniqueKey() {
		return this.uniqueKey;
	}

	public Integer dataExpiry() {
		return this.dataExpiry;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public synchronized String status() {
		return this.status;
	}

	public synchronized String statusReason() {
		return this.statusReason;
	}

	public synchronized Instant completedAt() {
		return this.completedAt;
	}

	/** The last file PUT to the job's path, or null. */
	public synchronized Upload upload() {
		return this.upload;
	}

	/** How many PUTs to the job's path succeeded. */
	public synchronized int uploads() {
		return this.uploads;
	}

	public synchronized long createdRecords() {
		return this.created;
	}

	public synchronized long updatedRecords() {
		return this.updated;
	}

	public synchronized long failedRecords() {
		return this.failed;
	}

	synchronized void uploaded(Upload upload) {
		this.upload = upload;
		this.uploads++;
	}

	synchronized void start(Instant now) {
		this.status = "IN_PROGRESS";
		this.startedAt = now;
	}

	synchronized void stop(Instant now) {
		this.status = "STOPPED";
		this.completedAt = now;
	}

	synchronized Instant startedAt() {
		return this.startedAt;
	}

	synchronized void finish(String status, String reason, long created, long updated, long failed, Instant now) {
		this.status = status;
		this.statusReason = reason;
		this.created = created;
		this.updated = updated;
		this.failed = failed;
		this.completedAt = now;
	}

	synchronized boolean terminal() {
		return !"CREATED".equals(this.status) && !"IN_PROGRESS".equals(this.status);
	}

}
