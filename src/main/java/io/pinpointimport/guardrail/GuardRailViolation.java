package io.pinpointimport.guardrail;

import java.util.Map;

import io.pinpointimport.system.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * A request broke a guard-rail: {@code 403} naming the rule and the setting behind it.
 */
public class GuardRailViolation extends ProblemException {

	GuardRailViolation(GuardRail rule, String field, String detail) {
		super(HttpStatus.FORBIDDEN, "guardrail-violation", "Guard-rail violated",
				detail + " (guard-rail '" + rule.id() + "', setting " + rule.setting() + ")",
				Map.of("rule", rule.id(), "field", field));
	}

}
