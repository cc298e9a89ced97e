package io.pinpointimport.imports;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Takes an import request through the JSON binding and Bean Validation the API uses, and
 * an import through its JSON writing, once at start-up, before the service reports ready:
 * the first {@code POST /api/v1/imports} then does not pay their first use (class
 * loading, introspection of the records, constraint metadata). Touches no database and
 * calls no AWS.
 */
@Component
class ImportRequestWarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ImportRequestWarmUp.class);

	/** A valid request, as a caller would send it. */
	static final String SAMPLE_REQUEST = """
			{"applicationId": "7f3b0c55a1e24c4b9b2f0d1e6a8c4d21", "s3Url": "s3://warm-up-invalid/endpoints/",
			 "format": "CSV", "segmentName": "warm-up", "roleName": "warm-up", "validation": "SAMPLE"}""";

	private final JsonMapper json;

	private final Validator validator;

	ImportRequestWarmUp(JsonMapper json, Validator validator) {
		this.json = json;
		this.validator = validator;
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		try {
			warm();
			log.info("Import request binding warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
		}
		catch (RuntimeException ex) {
			// A warm-up never stops the start: the first request pays instead.
			log.info("Import request warm-up ended early: {}", ex.toString());
		}
	}

	/**
	 * The violations of the sample request (none, unless the request's rules changed).
	 */
	Set<ConstraintViolation<ImportRequest>> warm() {
		ImportRequest request = this.json.readValue(SAMPLE_REQUEST, ImportRequest.class);
		Set<ConstraintViolation<ImportRequest>> violations = this.validator.validate(request);
		this.json.writeValueAsString(this.json.readValue(ImportController.IMPORT_EXAMPLE, ImportResource.class));
		return violations;
	}

}
