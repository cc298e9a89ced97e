package io.pinpointimport.bench.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * An open-model rate ladder against one URL: after a warm-up at {@code warmupRate}, one
 * step per rate in {@code rates}, each a constant arrival rate (evenly spaced requests,
 * each from a new virtual user that never waits for an earlier answer) for
 * {@code stepSeconds}. Each step's requests are named {@code <rate>/s}, so the report has
 * one row per step. Configured by system properties; run by the harness
 * {@code ApiOpenModelBenchmark} of the service's test classes.
 */
public class ApiLadderSimulation extends Simulation {

	private static final AtomicLong SEQUENCE = new AtomicLong();

	{
		String url = System.getProperty("url");
		String method = System.getProperty("method", "GET");
		String apiKey = System.getProperty("apiKey", "");
		String ifNoneMatch = System.getProperty("ifNoneMatch", "");
		int[] rates = Arrays.stream(System.getProperty("rates", "100").split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
		int stepSeconds = Integer.getInteger("stepSeconds", 15);
		int warmupRate = Integer.getInteger("warmupRate", rates[0]);
		int warmupSeconds = Integer.getInteger("warmupSeconds", 30);
		String runId = System.getProperty("runId", "0");
		String body = """
				{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"#{key}","roleArn":"%s"}"""
			.formatted(System.getProperty("appId", ""), System.getProperty("s3Url", ""),
					System.getProperty("roleArn", ""));

		// One pool of keep-alive connections for all virtual users, as a service's
		// client would have; no cache, so no conditional request is added behind our back.
		HttpProtocolBuilder protocol = http.shareConnections()
			.disableCaching()
			.disableWarmUp()
			.acceptHeader("application/json")
			.header("X-Api-Key", apiKey);

		PopulationBuilder ladder = step("warm-up", url, method, ifNoneMatch, runId, body)
			.injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds));
		for (int rate : rates) {
			ladder = ladder.andThen(step(rate + "/s", url, method, ifNoneMatch, runId, body)
				.injectOpen(constantUsersPerSec(rate).during(stepSeconds)));
		}
		setUp(ladder).protocols(protocol);
	}

	private static io.gatling.javaapi.core.ScenarioBuilder step(String name, String url, String method,
			String ifNoneMatch, String runId, String body) {
		HttpRequestActionBuilder request;
		if (method.equals("POST")) {
			// A new import per request: unique Idempotency-Key and segment name.
			request = http(name).post(url)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "#{key}")
				.body(StringBody(body))
				.check(status().is(202));
		}
		else if (!ifNoneMatch.isEmpty()) {
			request = http(name).get(url).header("If-None-Match", ifNoneMatch).check(status().is(304));
		}
		else {
			request = http(name).get(url).check(status().is(200));
		}
		ChainBuilder chain = CoreDsl.exec(session -> session.set("key", "gatling-" + runId + "-" + SEQUENCE.incrementAndGet()))
			.exec(request);
		return scenario(name).exec(chain);
	}

}
