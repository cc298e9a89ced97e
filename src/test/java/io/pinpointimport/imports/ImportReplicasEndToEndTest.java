package io.pinpointimport.imports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.pinpointimport.standin.pinpoint.PinpointStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the service on one database share the work: each import is submitted
 * once, whichever replica took the request and whichever polls.
 */
@ImportsEndToEndTest
class ImportReplicasEndToEndTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	ImportScenario scenario;

	@BeforeEach
	void setUp() {
		this.jdbc.sql("TRUNCATE endpoint_import CASCADE").update();
		this.scenario = new ImportScenario(this.port).reset();
	}

	@Test
	void twoReplicasCreateEachJobExactlyOnce() throws Exception {
		String applicationId = this.scenario.application();
		String roleArn = this.scenario.role();
		String bucket = this.scenario.bucket(Map.of("a.csv", ImportScenario.csv(8)));
		String databaseUrl = ((HikariDataSource) this.dataSource).getJdbcUrl();
		try (ServiceInstance second = ServiceInstance.start(databaseUrl)) {
			ImportScenario secondApi = new ImportScenario(second.port());
			ExecutorService clients = Executors.newFixedThreadPool(4);
			List<Callable<String>> posts = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				ImportScenario via = (i % 2 == 0) ? this.scenario : secondApi;
				String body = ImportScenario.request(applicationId, "s3://" + bucket + "/a.csv", "CSV", "replica-" + i,
						roleArn);
				posts.add(() -> via.start(body));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> id : clients.invokeAll(posts)) {
				ids.add(id.get());
			}
			clients.shutdown();
			assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

			List<JsonNode> done = ids.stream().map(id -> this.scenario.awaitEnd(id, Duration.ofSeconds(90))).toList();
			assertThat(done).allSatisfy(imp -> assertThat(imp.get("state").asString()).isEqualTo("SUCCEEDED"));
			List<PinpointStandIn.JobView> jobs = this.scenario.standIn.pinpoint().jobs();
			assertThat(jobs).hasSize(20);
			assertThat(this.scenario.standIn.calls().count("mobiletargeting", "CreateImportJob")).isEqualTo(20);
			assertThat(done.stream().map(imp -> imp.get("pinpoint").get("jobId").asString()))
				.containsExactlyInAnyOrderElementsOf(jobs.stream().map(PinpointStandIn.JobView::id).toList());
			assertThat(this.scenario.standIn.pinpoint().maxConcurrentRunning()).isLessThanOrEqualTo(2);
		}
	}

}
