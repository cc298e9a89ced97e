package io.pinpointimport.imports;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.pinpointimport.support.EmbeddedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process dies after Pinpoint created the job and before the job id was stored; the
 * restarted service finds the job instead of creating a second one.
 */
class ImportCrashEndToEndTest {

	/** Released when the doomed instance got Pinpoint's answer to CreateImportJob. */
	static volatile CountDownLatch jobCreated;

	ImportScenario scenario;

	@BeforeEach
	void setUp() {
		jobCreated = new CountDownLatch(1);
		this.scenario = new ImportScenario(0).reset();
		// Zero IAM propagation: this test is about a crash right after CreateImportJob,
		// and a refused first try of a
		// fresh role would change what it observes.
		this.scenario.standIn.knobs().iamPropagationDelay(Duration.ZERO);
	}

	@Test
	void reconcilesWithTheExistingJobAfterACrashBeforeTheJobIdWasStored() throws Exception {
		String applicationId = this.scenario.application();
		String roleArn = this.scenario.role();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(25)));
		String databaseUrl = EmbeddedDatabase.newDatabase();
		String id;
		try (ServiceInstance doomed = ServiceInstance.start(databaseUrl, DiesAfterCreateImportJob.class)) {
			id = new ImportScenario(doomed.port())
				.start(ImportScenario.request(applicationId, "s3://" + bucket + "/a.csv", "CSV", "survivor", roleArn));
			assertThat(jobCreated.await(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(1);

		try (ServiceInstance restarted = ServiceInstance.start(databaseUrl)) {
			ImportScenario api = new ImportScenario(restarted.port());
			JsonNode done = api.awaitEnd(id, Duration.ofSeconds(60));
			assertThat(done.get("state").asString()).isEqualTo("SUCCEEDED");
			assertThat(done.get("pinpoint").get("totalProcessed").asInt()).isEqualTo(25);
			String jobId = this.scenario.standIn.pinpoint().jobs().get(0).id();
			assertThat(done.get("pinpoint").get("jobId").asString()).isEqualTo(jobId);
			assertThat(done.get("attempts")).singleElement().satisfies(attempt -> {
				assertThat(attempt.get("outcome").asString()).isEqualTo("RECONCILED");
				assertThat(attempt.get("jobId").asString()).isEqualTo(jobId);
			});
		}
		assertThat(this.scenario.standIn.pinpoint().jobs()).hasSize(1);
		assertThat(this.scenario.standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(1);
	}

	/**
	 * Freezes the thread that received CreateImportJob's answer - as if the process died
	 * right there - until the instance is shut down.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class DiesAfterCreateImportJob {

		@Bean
		ExecutionInterceptor dieAfterCreateImportJob() {
			return new ExecutionInterceptor() {

				@Override
				public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
					if ("CreateImportJob".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
						jobCreated.countDown();
						try {
							Thread.sleep(Duration.ofMinutes(10).toMillis());
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						throw new IllegalStateException("the process died before it stored the job id");
					}
				}

			};
		}

	}

}
