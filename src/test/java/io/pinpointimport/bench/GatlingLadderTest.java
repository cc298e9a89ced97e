package io.pinpointimport.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The API benchmark reads each step's figures from the right request of Gatling's report.
 */
class GatlingLadderTest {

	/**
	 * The shape of Gatling 3.13's js/stats.js: the global group first, then each request.
	 */
	private static final String STATS_JS = """
			var stats = {
			    type: "GROUP",
			name: "All Requests",
			stats: {
			    "name": "All Requests",
			    "numberOfRequests": {
			        "total": "4000",
			        "ok": "3998",
			        "ko": "2"
			    },
			    "percentiles3": {
			        "total": "900",
			        "ok": "899",
			        "ko": "-"
			    },
			    "group1": {
			    "name": "t < 800 ms",
			    "count": 3990
			}
			},
			contents: {
			"req_warm-up-1": {
			        type: "REQUEST",
			        name: "warm-up",
			stats: {
			    "name": "warm-up",
			    "numberOfRequests": {
			        "total": "3000",
			        "ok": "3000",
			        "ko": "0"
			    },
			    "percentiles3": {
			        "total": "900",
			        "ok": "900",
			        "ko": "-"
			    },
			    "group1": {
			    "name": "t < 800 ms",
			    "count": 2990
			}
			}
			},
			"req_1000-s-2": {
			        type: "REQUEST",
			        name: "1000/s",
			stats: {
			    "name": "1000/s",
			    "numberOfRequests": {
			        "total": "1000",
			        "ok": "998",
			        "ko": "2"
			    },
			    "percentiles1": {
			        "total": "1",
			        "ok": "1",
			        "ko": "-"
			    },
			    "percentiles3": {
			        "total": "12",
			        "ok": "11",
			        "ko": "-"
			    },
			    "maxResponseTime": {
			        "total": "41",
			        "ok": "40",
			        "ko": "-"
			    },
			    "group1": {
			    "name": "t < 800 ms",
			    "count": 998
			}
			}
			}
			}
			}""";

	@Test
	void readsTheStepsOwnRequestNotTheGlobalGroupOrTheWarmUp() {
		Map<String, String> figures = GatlingLadder.figures(STATS_JS, "1000/s");

		assertThat(figures).containsEntry("numberOfRequests", "1000")
			.containsEntry("percentiles1", "1")
			.containsEntry("percentiles3", "12")
			.containsEntry("maxResponseTime", "41");
		assertThat(GatlingLadder.count(STATS_JS, "1000/s", "ok")).isEqualTo(998);
		assertThat(GatlingLadder.count(STATS_JS, "1000/s", "ko")).isEqualTo(2);
		assertThat(GatlingLadder.count(STATS_JS, "warm-up", "ko")).isZero();
	}

	@Test
	void aStepMissingFromTheReportIsAnErrorNotAZero() {
		assertThatIllegalStateException().isThrownBy(() -> GatlingLadder.figures(STATS_JS, "2000/s"));
		assertThatIllegalStateException().isThrownBy(() -> GatlingLadder.count(STATS_JS, "2000/s", "ko"));
	}

	@Test
	void aStepIsSustainedOnlyWithinItsGoalWithEveryRequestSentAndNoError() {
		GatlingLadder.Step step = new GatlingLadder.Step("get", 100, 10, 1000, 1000, 0, 1, 2, 9, 12, 15, "1", "1");
		GatlingLadder.Step late = new GatlingLadder.Step("get", 100, 10, 990, 990, 0, 1, 2, 9, 12, 15, "1", "1");
		GatlingLadder.Step failed = new GatlingLadder.Step("get", 100, 10, 1000, 999, 1, 1, 2, 9, 12, 15, "1", "1");

		assertThat(step.sustained(10)).isTrue();
		assertThat(step.sustained(8)).isFalse();
		assertThat(late.sustained(10)).isFalse();
		assertThat(failed.sustained(10)).isFalse();
	}

}
