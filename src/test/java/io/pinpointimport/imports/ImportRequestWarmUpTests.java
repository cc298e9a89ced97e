package io.pinpointimport.imports;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up warm-up of the import request path binds, validates and writes with what
 * it is given, and needs nothing else (no database, no AWS client).
 */
class ImportRequestWarmUpTests {

	@Test
	void itsSampleIsAValidRequestSoTheWholeValidationPathRuns() {
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			ImportRequestWarmUp warmUp = new ImportRequestWarmUp(JsonMapper.builder().build(), factory.getValidator());
			assertThat(warmUp.warm()).isEmpty();
		}
	}

}
