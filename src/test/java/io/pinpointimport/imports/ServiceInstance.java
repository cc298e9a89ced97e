package io.pinpointimport.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.pinpointimport.PinpointImportServiceApplication;
import io.pinpointimport.support.LocalInfrastructure;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A further instance of the whole service in this JVM - another replica, or the same
 * service after a restart - on a given database, with the imports end-to-end settings.
 */
final class ServiceInstance implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private ServiceInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts an instance on {@code databaseUrl}, with extra configuration classes. */
	static ServiceInstance start(String databaseUrl, Class<?>... configurations) {
		List<Class<?>> sources = new ArrayList<>(List.of(LocalInfrastructure.class));
		sources.addAll(List.of(configurations));
		List<String> arguments = new ArrayList<>(settings());
		arguments.add("--spring.datasource.url=" + databaseUrl);
		arguments.add("--server.port=0");
		// The test profile: the credentials of TestCredentials, which Api sends.
		arguments.add("--spring.profiles.active=test");
		return new ServiceInstance(SpringApplication.from(PinpointImportServiceApplication::main)
			.with(sources.toArray(Class<?>[]::new))
			.run(arguments.toArray(String[]::new))
			.getApplicationContext());
	}

	int port() {
		return Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

	private static List<String> settings() {
		Properties properties = new Properties();
		try (InputStream in = ServiceInstance.class.getClassLoader()
			.getResourceAsStream(ImportsEndToEndTest.PROPERTIES)) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties.stringPropertyNames()
			.stream()
			.map(name -> "--" + name + "=" + properties.getProperty(name))
			.toList();
	}

}
