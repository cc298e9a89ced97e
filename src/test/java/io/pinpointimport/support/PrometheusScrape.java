package io.pinpointimport.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /actuator/prometheus}, parsed from the text exposition format, so
 * tests can ask for the value of a sample by name and labels.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusScrape(List<Sample> samples) {
		this.samples = samples;
	}

	/** Scrapes the service's Prometheus endpoint, failing unless it answers 200. */
	public static PrometheusScrape of(Api api) {
		Api.Response response = api.get("/actuator/prometheus");
		if (response.status() != 200) {
			throw new AssertionError("GET /actuator/prometheus answered " + response);
		}
		return parse(response.body());
	}

	/** Parses text in the Prometheus exposition format. */
	public static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
		}
		return new PrometheusScrape(samples);
	}

	/** Samples named {@code name} that carry at least the given labels. */
	public List<Sample> samples(String name, Map<String, String> labels) {
		return this.samples.stream()
			.filter((sample) -> sample.name().equals(name))
			.filter((sample) -> sample.labels().entrySet().containsAll(labels.entrySet()))
			.toList();
	}

	/** Sum of the samples named {@code name} that carry at least the given labels. */
	public double sum(String name, Map<String, String> labels) {
		return samples(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	/** One sample line. */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

}
