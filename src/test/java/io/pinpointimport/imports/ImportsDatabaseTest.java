package io.pinpointimport.imports;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.pinpointimport.support.EmbeddedDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The imports queries on a fresh embedded PostgreSQL database migrated by Flyway. Tests
 * run outside a test transaction: what they check (locks, leases, concurrent claims) only
 * exists across committed transactions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ ImportsDatabaseTest.Database.class, ImportRows.class, ImportReads.class, ImportWrites.class, AttemptLog.class,
		SubmissionClaims.class, SubmissionResults.class, Reconciliations.class, PollQueue.class, ImportFigures.class,
		PreflightQueue.class })
@interface ImportsDatabaseTest {

	@TestConfiguration(proxyBeanMethods = false)
	class Database {

		@Bean
		DataSource dataSource() {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(EmbeddedDatabase.newDatabase());
			dataSource.setUsername(EmbeddedDatabase.user());
			dataSource.setMaximumPoolSize(10);
			return dataSource;
		}

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

}
