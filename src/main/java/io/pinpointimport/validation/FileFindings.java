package io.pinpointimport.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts every finding of one file and keeps the first few in detail; messages are only
 * built for the findings that are kept, so a file with millions of bad rows stays cheap.
 */
final class FileFindings {

	private final String key;

	private final int limit;

	private final List<Finding> kept = new ArrayList<>();

	private final long[] countsByRule = new long[Rule.values().length];

	private long errors;

	private long warnings;

	private long endpointsWithErrors;

	private boolean endpointFailed;

	private boolean holding;

	private final List<Held> held = new ArrayList<>();

	FileFindings(String key, int limit) {
		this.key = key;
		this.limit = limit;
	}

	/** Reports a finding; {@code message} is asked for only when the finding is kept. */
	void report(Rule rule, long line, String field, Supplier<String> message) {
		if (this.holding) {
			// Rare (a row with errors): build the message now, the buffer it quotes moves
			// on.
			boolean keep = this.kept.size() + this.held.size() < this.limit;
			this.held.add(new Held(rule,
					keep ? Finding.of(rule, this.key, (line > 0) ? line : null, field, message.get()) : null));
			return;
		}
		count(rule);
		if (this.kept.size() < this.limit) {
			this.kept.add(Finding.of(rule, this.key, (line > 0) ? line : null, field, message.get()));
		}
	}

	/**
	 * Holds the findings of the row being read until {@link #commitRow()} or
	 * {@link #discardRow()}.
	 */
	void holdRow() {
		this.holding = true;
		this.held.clear();
	}

	/** Reports the held findings. */
	void commitRow() {
		this.holding = false;
		// Indexed: no iterator for each of millions of rows, nearly all without findings.
		for (int i = 0; i < this.held.size(); i++) {
			Held finding = this.held.get(i);
			count(finding.rule());
			if (finding.finding() != null && this.kept.size() < this.limit) {
				this.kept.add(finding.finding());
			}
		}
		this.held.clear();
	}

	/** Forgets the held findings. */
	void discardRow() {
		this.holding = false;
		this.held.clear();
	}

	private record Held(Rule rule, Finding finding) {
	}

	/** Reports an already built finding (which must belong to this file). */
	void report(Rule rule, Finding finding) {
		count(rule);
		if (this.kept.size() < this.limit) {
			this.kept.add(finding);
		}
	}

	private void count(Rule rule) {
		this.countsByRule[rule.ordinal()]++;
		if (rule.severity() == Severity.ERROR) {
			this.errors++;
			this.endpointFailed = true;
		}
		else {
			this.warnings++;
		}
	}

	/** Starts the next endpoint (row or line). */
	void beginEndpoint() {
		this.endpointFailed = false;
	}

	/** Ends the current endpoint, counting it when any error was reported for it. */
	void endEndpoint() {
		if (this.endpointFailed) {
			this.endpointsWithErrors++;
			this.endpointFailed = false;
		}
	}

	String key() {
		return this.key;
	}

	List<Finding> kept() {
		return this.kept;
	}

	long[] countsByRule() {
		return this.countsByRule;
	}

	long errors() {
		return this.errors;
	}

	long warnings() {
		return this.warnings;
	}

	long endpointsWithErrors() {
		return this.endpointsWithErrors;
	}

}
