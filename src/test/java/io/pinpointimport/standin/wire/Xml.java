package io.pinpointimport.standin.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming XML writer for the stand-in's answers: elements are opened, filled and
 * closed in order, and text is escaped.
 */
public final class Xml {

	private final StringBuilder text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

	private final Deque<String> open = new ArrayDeque<>();

	private Xml(String root, String namespace) {
		this.text.append('<').append(root);
		if (namespace != null) {
			this.text.append(" xmlns=\"").append(namespace).append('"');
		}
		this.text.append('>');
		this.open.push(root);
	}

	/** Starts a document whose root element carries {@code namespace} (may be null). */
	public static Xml document(String root, String namespace) {
		return new Xml(root, namespace);
	}

	/** Opens a child element. */
	public Xml open(String name) {
		this.text.append('<').append(name).append('>');
		this.open.push(name);
		return this;
	}

	/** Closes the innermost open element. */
	public Xml close() {
		this.text.append("</").append(this.open.pop()).append('>');
		return this;
	}

	/** A child element with text content; skipped when {@code value} is null. */
	public Xml element(String name, Object value) {
		if (value == null) {
			return this;
		}
		this.text.append('<').append(name).append('>');
		escape(String.valueOf(value));
		this.text.append("</").append(name).append('>');
		return this;
	}

	/** A timestamp element in ISO-8601 with whole seconds, as IAM writes them. */
	public Xml timestamp(String name, Instant instant) {
		return element(name, instant.truncatedTo(ChronoUnit.SECONDS).toString());
	}

	/** Closes every open element and returns the document. */
	public String end() {
		while (!this.open.isEmpty()) {
			close();
		}
		return this.text.toString();
	}

	private void escape(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '<' -> this.text.append("&lt;");
				case '>' -> this.text.append("&gt;");
				case '&' -> this.text.append("&amp;");
				case '"' -> this.text.append("&quot;");
				case '\'' -> this.text.append("&apos;");
				case '\r' -> this.text.append("&#13;");
				default -> this.text.append(c);
			}
		}
	}

}
