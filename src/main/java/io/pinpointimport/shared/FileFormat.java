package io.pinpointimport.shared;

import java.util.Locale;

/**
 * The two formats Pinpoint imports; a file's format is told by its name's extension
 * ({@code .csv} or {@code .json}, in any case), as Pinpoint does when it skips files of
 * the other format.
 */
public enum FileFormat {

	/** Comma-separated values with a header line in dot notation. */
	CSV(".csv"),
	/** Newline-delimited JSON: one endpoint object per line. */
	JSON(".json");

	private final String extension;

	FileFormat(String extension) {
		this.extension = extension;
	}

	/** The extension of a file in this format, such as {@code .csv}. */
	public String extension() {
		return this.extension;
	}

	/** The format {@code key}'s extension names, or null for neither. */
	public static FileFormat ofKey(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		for (FileFormat format : values()) {
			if (lower.endsWith(format.extension)) {
				return format;
			}
		}
		return null;
	}

}
