package io.pinpointimport.support;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the service needs around it when its AWS is moto instead of the stand-in: a real
 * PostgreSQL (embedded). The test points the SDK's {@code aws.*} properties at moto
 * before the context starts ({@link MotoEndpoint}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class MotoInfrastructure {

	@Bean
	DataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(EmbeddedDatabase.newDatabase());
		dataSource.setUsername(EmbeddedDatabase.user());
		dataSource.setMaximumPoolSize(10);
		return dataSource;
	}

	/**
	 * Makes moto the SDK's default endpoint, region and credentials for clients built
	 * until {@link #restore()}, and puts back what was there before.
	 */
	public static final class MotoEndpoint {

		private static final String[] PROPERTIES = { "aws.endpointUrl", "aws.region", "aws.accessKeyId",
				"aws.secretAccessKey" };

		private final String[] previous = new String[PROPERTIES.length];

		public MotoEndpoint(MotoServer moto) {
			for (int i = 0; i < PROPERTIES.length; i++) {
				this.previous[i] = System.getProperty(PROPERTIES[i]);
			}
			System.setProperty("aws.endpointUrl", moto.endpoint().toString());
			System.setProperty("aws.region", "us-east-1");
			System.setProperty("aws.accessKeyId", MotoServer.credentials().resolveCredentials().accessKeyId());
			System.setProperty("aws.secretAccessKey", MotoServer.credentials().resolveCredentials().secretAccessKey());
		}

		public void restore() {
			for (int i = 0; i < PROPERTIES.length; i++) {
				if (this.previous[i] == null) {
					System.clearProperty(PROPERTIES[i]);
				}
				else {
					System.setProperty(PROPERTIES[i], this.previous[i]);
				}
			}
		}

	}

}
