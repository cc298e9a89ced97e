package io.pinpointimport.support;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.pinpointimport.standin.AwsStandIn;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * What the service needs around it when run locally or in tests: a real PostgreSQL
 * (embedded) and the AWS stand-in, made the default AWS endpoint of this JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalInfrastructure {

	static {
		// Before any SDK client is built: clients read the aws.* properties when built.
		AwsStandIn.shared();
	}

	/**
	 * Static, so the container calls it before it creates any singleton: that loads this
	 * class and starts the stand-in before a component asks for an SDK client.
	 */
	@Bean
	static BeanFactoryPostProcessor awsStandInBeforeClients() {
		return beanFactory -> {
		};
	}

	/** The JVM-wide stand-in: not closed with a context, others may still use it. */
	@Bean(destroyMethod = "")
	AwsStandIn awsStandIn() {
		return AwsStandIn.shared();
	}

	/**
	 * A fresh database per application context, unless {@code spring.datasource.url}
	 * names one (a second instance sharing the first one's database).
	 */
	@Bean
	DataSource dataSource(Environment environment) {
		String url = environment.getProperty("spring.datasource.url");
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url != null ? url : EmbeddedDatabase.newDatabase());
		dataSource.setUsername(EmbeddedDatabase.user());
		dataSource.setMaximumPoolSize(10);
		// as application.yml sets it for the production pool
		dataSource.setConnectionTimeout(
				environment.getProperty("spring.datasource.hikari.connection-timeout", Long.class, 2000L));
		return dataSource;
	}

}
