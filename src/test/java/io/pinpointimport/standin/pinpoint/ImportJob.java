package io.pinpointimport.standin.pinpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.pinpointimport.standin.s3.S3StandIn;
import tools.jackson.databind.node.ObjectNode;

/**
 * One emulated Pinpoint import job: its request, and the status and counters the job
 * scheduler moves forward. Mutable state is guarded by the job's monitor.
 */
final class ImportJob {

	/** Pinpoint's JobStatus values, in the order a job moves through them. */
	enum Status {

		CREATED, PREPARING_FOR_INITIALIZATION, INITIALIZING, PROCESSING, PENDING_JOB, COMPLETING, COMPLETED, FAILING,
		FAILED;

		boolean terminal() {
			return this == COMPLETED || this == FAILED;
		}

		/**
		 * Past CREATED and PENDING_JOB and not yet finished: the job holds one of the
		 * account's slots.
		 */
		boolean running() {
			return this != CREATED && this != PENDING_JOB && !terminal();
		}

	}

	private static final int MAX_FAILURE_MESSAGES = 100;

	final long sequence;

	final String id;

	final String applicationId;

	/** The request's settings as Pinpoint echoes them (with a created segment's id). */
	final ObjectNode definition;

	final String format;

	final String bucket;

	final String prefix;

	final String roleArn;

	final String segmentId;

	final Instant created = Instant.now();

	private Status status = Status.CREATED;

	private Instant completed;

	private List<S3StandIn.StoredObject> pieces = List.of();

	private int nextPiece;

	private int completedPieces;

	private int failedPieces;

	private int totalProcessed;

	private int totalFailures;

	private final List<String> failures = new ArrayList<>();

	ImportJob(long sequence, String id, String applicationId, ObjectNode definition, String bucket, String prefix,
			String segmentId) {
		this.sequence = sequence;
		this.id = id;
		this.applicationId = applicationId;
		this.definition = definition;
		this.format = definition.get("Format").asString();
		this.roleArn = definition.get("RoleArn").asString();
		this.bucket = bucket;
		this.prefix = prefix;
		this.segmentId = segmentId;
	}

	synchronized Status status() {
		return this.status;
	}

	synchronized void moveTo(Status next) {
		this.status = next;
		if (next.terminal()) {
			this.completed = Instant.now();
		}
	}

	/** Starts processing the files found at initialization, one piece per file. */
	synchronized void process(List<S3StandIn.StoredObject> files) {
		this.pieces = List.copyOf(files);
		this.status = Status.PROCESSING;
	}

	/** The next file to process, or null when every piece is done. */
	synchronized S3StandIn.StoredObject nextPiece() {
		return this.nextPiece < this.pieces.size() ? this.pieces.get(this.nextPiece) : null;
	}

	/**
	 * Records one processed file; with {@code badRowsFailThePiece} false its bad rows
	 * count only in TotalFailures and the piece completes.
	 */
	synchronized void pieceDone(EndpointFileCheck.Result result, boolean badRowsFailThePiece) {
		this.nextPiece++;
		this.totalProcessed += result.processed();
		this.totalFailures += result.failed();
		if (result.pieceFailed() && badRowsFailThePiece) {
			this.failedPieces++;
		}
		else {
			this.completedPieces++;
		}
		result.messages().forEach(this::fail);
	}

	/** Records a failure message; Pinpoint keeps only the first 100. */
	synchronized void fail(String message) {
		if (this.failures.size() < MAX_FAILURE_MESSAGES) {
			this.failures.add(message);
		}
	}

	synchronized boolean anyPieceFailed() {
		return this.failedPieces > 0;
	}

	/** A consistent copy of the job's state. */
	synchronized PinpointStandIn.JobView view() {
		return new PinpointStandIn.JobView(this.applicationId, this.id, this.definition.get("S3Url").asString(),
				this.roleArn, this.format, this.status.name(), this.created, this.completed, this.pieces.size(),
				this.completedPieces, this.failedPieces, this.totalProcessed, this.totalFailures,
				List.copyOf(this.failures), this.segmentId);
	}

}
