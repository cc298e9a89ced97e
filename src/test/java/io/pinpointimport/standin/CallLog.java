package io.pinpointimport.standin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every call the stand-in answered, so tests and benchmarks can count AWS calls.
 */
public final class CallLog {

	/**
	 * One answered call, with the request id the stand-in sent back: {@code receivedAt}
	 * is when the request reached the stand-in (its headers read), {@code at} when the
	 * answer was ready.
	 */
	public record Call(String service, String operation, int status, String requestId, Instant at, Instant receivedAt) {

		/** True for operations that change state (not Get, List, Head or Describe). */
		public boolean mutating() {
			return !(this.operation.startsWith("Get") || this.operation.startsWith("List")
					|| this.operation.startsWith("Head") || this.operation.startsWith("Describe"));
		}

	}

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	void record(String service, String operation, int status, String requestId, Instant receivedAt) {
		this.calls.add(new Call(service, operation, status, requestId, Instant.now(), receivedAt));
	}

	/** All calls so far, oldest first. */
	public List<Call> all() {
		return new ArrayList<>(this.calls);
	}

	/** Calls of one operation of one service, whatever their outcome. */
	public long count(String service, String operation) {
		return this.calls.stream().filter(c -> c.service().equals(service) && c.operation().equals(operation)).count();
	}

	/** Calls to one service. */
	public long count(String service) {
		return this.calls.stream().filter(c -> c.service().equals(service)).count();
	}

	/** State-changing calls to one service, whatever their outcome. */
	public long mutating(String service) {
		return this.calls.stream().filter(c -> c.service().equals(service) && c.mutating()).count();
	}

	/** Forgets every call. */
	public void clear() {
		this.calls.clear();
	}

}
