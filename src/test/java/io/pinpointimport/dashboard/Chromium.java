package io.pinpointimport.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, headless, for the dashboard's
 * browser tests. Absent locally, the tests are skipped with the command that installs
 * them; with {@code CI} set they are required and their absence fails the build.
 */
final class Chromium {

	static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));

	static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

	/** axe-core as {@code npm ci --prefix .ci} installs it. */
	static final Path AXE = Path.of(".ci/node_modules/axe-core/axe.min.js");

	private Chromium() {
	}

	/**
	 * Skips (locally) or fails (in CI) unless Chromium, its driver and axe-core are here.
	 */
	static void require() {
		List<String> missing = new ArrayList<>();
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			missing.add("Chromium (" + BROWSER + ", " + DRIVER
					+ "): apt-get update && apt-get install -y chromium chromium-driver");
		}
		if (!Files.isRegularFile(AXE)) {
			missing.add("axe-core (" + AXE + "): npm ci --prefix .ci --ignore-scripts --no-audit --no-fund");
		}
		if (missing.isEmpty()) {
			return;
		}
		String message = "Dashboard browser tests need " + String.join(" and ", missing);
		if (System.getenv("CI") != null) {
			Assertions.fail(message + " (required because CI is set)");
		}
		Assumptions.abort(message + "; skipped");
	}

	/**
	 * A fresh headless browser with its own profile directory and the console log kept.
	 */
	static ChromeDriver start() {
		Path profile;
		try {
			profile = Files.createTempDirectory("dashboard-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
