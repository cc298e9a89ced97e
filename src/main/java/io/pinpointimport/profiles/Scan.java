package io.pinpointimport.profiles;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a first read of an import's files found, without keeping any endpoint: which
 * endpoint fields occur, in how many rows, and how many bytes each would take in the
 * profile CSV - enough to choose the default mapping, check a mapping, and know the
 * converted file's exact length before it is uploaded (a presigned S3 PUT needs a
 * Content-Length).
 */
final class Scan {

	private long rows;

	private final Map<String, long[]> bySource = new HashMap<>();

	/** Adds one endpoint. */
	void add(Map<String, List<String>> endpoint) {
		this.rows++;
		endpoint.forEach((field, values) -> {
			String value = String.join(",", values);
			if (!value.isEmpty()) {
				count(field, value);
			}
		});
		List<String> channel = endpoint.get("ChannelType");
		List<String> address = endpoint.get("Address");
		if (channel != null && address != null && !channel.isEmpty() && !address.isEmpty()
				&& !address.get(0).isEmpty()) {
			count("Address:" + channel.get(0).toUpperCase(Locale.ROOT), address.get(0));
		}
	}

	private void count(String source, String value) {
		long[] counts = this.bySource.computeIfAbsent(source, key -> new long[2]);
		counts[0]++;
		counts[1] += ProfileCsv.length(value);
	}

	/** Endpoints read. */
	long rows() {
		return this.rows;
	}

	/** Endpoint fields that had a value in at least one row. */
	Set<String> fieldsSeen() {
		return this.bySource.keySet()
			.stream()
			.filter(source -> !source.startsWith("Address:"))
			.collect(java.util.stream.Collectors.toSet());
	}

	/** Rows in which {@code column} gets a value. */
	long rowsWith(FieldMapping.Column column) {
		return sum(column, 0);
	}

	/** Exact length in bytes of the profile CSV {@code mapping} writes for these rows. */
	long convertedBytes(FieldMapping mapping) {
		long length = ProfileCsv.header(mapping).length;
		// each row: its values, a comma between each two, and a line break
		length += this.rows * mapping.columns().size();
		for (FieldMapping.Column column : mapping.columns()) {
			length += sum(column, 1);
		}
		return length;
	}

	private long sum(FieldMapping.Column column, int index) {
		Set<String> channels = column.addressChannels();
		if (channels == null) {
			long[] counts = this.bySource.get(column.source());
			return (counts != null) ? counts[index] : 0;
		}
		return channels.stream()
			.map(channel -> this.bySource.get("Address:" + channel))
			.filter(java.util.Objects::nonNull)
			.mapToLong(counts -> counts[index])
			.sum();
	}

}
