package io.pinpointimport.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;

import io.pinpointimport.events.EventTypes;
import io.pinpointimport.standin.AwsStandIn;
import io.pinpointimport.support.Api;
import io.pinpointimport.support.EndToEndTest;
import io.pinpointimport.support.TestCredentials;
import io.pinpointimport.support.TestJwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium against the whole service: sign-in, live
 * updates without reloading, actions offered by scope, a clean console, axe-core on every
 * page at laptop and phone widths, the page-weight budget and first paint. Screenshots of
 * each page go to {@code target/dashboard-screenshots/}.
 */
@EndToEndTest
@TestPropertySource(locations = "classpath:imports-e2e.properties")
class DashboardBrowserEndToEndTest {

	/** Every byte of the page, its scripts and styles, uncompressed (see the README). */
	static final int PAGE_WEIGHT_BUDGET_BYTES = 80 * 1024;

	static final String FIRST_PAINT = """
			const paint = performance.getEntriesByName('first-contentful-paint')[0];
			return paint ? paint.startTime : -1;""";

	static final Path SCREENSHOTS = Path.of("target/dashboard-screenshots");

	static final String BUCKET = "dashboard-audiences";

	static ChromeDriver driver;

	static String axe;

	@LocalServerPort
	int port;

	Api api;

	String applicationId;

	String roleName;

	final List<String> webhooks = new ArrayList<>();

	@BeforeAll
	static void startBrowser() throws IOException {
		Chromium.require();
		axe = Files.readString(Chromium.AXE, StandardCharsets.UTF_8);
		Files.createDirectories(SCREENSHOTS);
		driver = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
		}
		AwsStandIn.shared().knobs().reset();
	}

	@BeforeEach
	void demoData() {
		this.api = new Api(this.port);
		AwsStandIn standIn = AwsStandIn.shared();
		standIn.knobs().reset();
		this.applicationId = standIn.pinpoint().createApp("dashboard");
		this.roleName = "dashboard-importer-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.api
			.put("/api/v1/import-roles/" + this.roleName,
					"{\"applicationId\":\"" + this.applicationId
							+ "\",\"description\":\"Lets Pinpoint read audiences\"}")
			.status()).isEqualTo(201);
		standIn.s3().put(BUCKET, "endpoints/sample.csv", csv());
		driver.manage().window().setSize(new Dimension(1280, 900));
		signOut();
		driver.manage().logs().get(LogType.BROWSER);
	}

	@AfterEach
	void consoleStaysClean() {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
				errors.add(entry.getLevel() + " " + entry.getMessage());
			}
		}
		assertThat(errors).as("browser console warnings and errors").isEmpty();
	}

	@AfterEach
	void deleteWebhooks() {
		// Later tests' events must not be delivered to this test's closed receivers.
		this.webhooks.forEach(id -> this.api.delete("/api/v1/webhooks/" + id));
	}

	@Test
	void showsAnImportMoveFromQueuedToSucceededWithoutReloading() {
		// Two slow jobs take both of Pinpoint's job slots, so the third waits QUEUED.
		AwsStandIn.shared()
			.knobs()
			.jobStepDuration(url -> url.contains("/slow-") ? Duration.ofMillis(1200) : Duration.ofMillis(100));
		AwsStandIn.shared().s3().put(BUCKET, "slow-1/a.csv", csv());
		AwsStandIn.shared().s3().put(BUCKET, "slow-2/a.csv", csv());
		signIn("api-key", TestCredentials.ADMIN_API_KEY);
		driver.executeScript("window.notReloaded = true");

		start("s3://" + BUCKET + "/slow-1/", "slow-one");
		start("s3://" + BUCKET + "/slow-2/", "slow-two");
		String id = start("s3://" + BUCKET + "/endpoints/", "watched");

		By state = By.cssSelector("tr[data-id='" + id + "'] .badge");
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(state, "QUEUED"));
		// The page follows the service's event stream, not a polling timer.
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("live-state"), "Live"));
		screenshot("imports-live");
		waitUpTo(Duration.ofSeconds(40)).until(ExpectedConditions.textToBe(state, "SUCCEEDED"));
		assertThat(driver.executeScript("return window.notReloaded")).as("no reload happened").isEqualTo(true);
		// The slow imports may end meanwhile: the count follows them, without a reload
		// either.
		waitUpTo(Duration.ofSeconds(10))
			.until(page -> driver.findElement(By.cssSelector(".chip[href*='state=SUCCEEDED'] .count"))
				.getText()
				.equals(String
					.valueOf(this.api.get("/api/v1/imports/counts").json().get("byState").get("SUCCEEDED").asInt())));
		assertThat(driver.executeScript("return window.notReloaded")).as("still no reload").isEqualTo(true);
	}

	@Test
	void retriesAFailedImportFromItsPage() {
		Failed failed = failedImport();
		String id = failed.id();
		AwsStandIn.shared().s3().put(BUCKET, failed.prefix() + "/a.csv", csv());
		signIn("bearer", TestJwt.token("dashboard-operator",
				List.of("imports:read", "imports:write", "import-roles:read"), Duration.ofMinutes(10)));
		driver.get(base() + "/#/imports/" + id);
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "FAILED"));
		assertThat(driver.findElement(By.cssSelector(".problem")).getText()).contains("[location.empty]");
		WebElement retry = driver.findElement(By.xpath("//button[normalize-space()='Retry']"));
		retry.click();
		waitUpTo(Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "SUCCEEDED"));
		assertThat(driver.findElements(By.xpath("//button[normalize-space()='Retry']"))).isEmpty();
		assertThat(driver.findElement(By.id("attempts-title")).isDisplayed()).isTrue();
	}

	@Test
	void hidesActionsTheCredentialLacksTheScopeFor() {
		String id = failedImport().id();
		String readOnly = TestCredentials.apiKeyWithout("imports:write");
		assertThat(new Api(this.port).withHeader(TestCredentials.API_KEY_HEADER, readOnly)
			.post("/api/v1/imports/" + id + "/retry", null)
			.status()).as("the action is refused to this key").isEqualTo(403);

		signIn("api-key", readOnly);
		driver.get(base() + "/#/imports/" + id);
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "FAILED"));
		assertThat(driver.findElements(By.xpath("//button[normalize-space()='Retry']"))).isEmpty();
		driver.get(base() + "/#/imports");
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id]")));
		assertThat(driver.findElements(By.linkText("Start an import"))).isEmpty();
		driver.get(base() + "/#/start");
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "lack the scope imports:write"));
		assertThat(driver.findElements(By.tagName("form")).stream().filter(WebElement::isDisplayed)).isEmpty();
	}

	@Test
	void managesAWebhookFromItsSecretToItsDeletion() {
		try (LocalReceiver receiver = new LocalReceiver(200, 503, 503)) {
			signIn("api-key", TestCredentials.ADMIN_API_KEY);
			driver.executeCdpCommand("Browser.grantPermissions",
					Map.of("origin", base(), "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
			driver.findElement(By.linkText("Webhooks")).click();
			WebElement url = waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("w-url")));
			List<String> offered = driver.findElements(By.name("eventTypes"))
				.stream()
				.map(box -> box.getAttribute("value"))
				.toList();
			assertThat(offered).as("the form offers every event type").isEqualTo(EventTypes.NAMES);
			driver.findElement(By.xpath("//button[normalize-space()='Add webhook']")).click();
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(url, "aria-invalid", "true"));
			assertThat(driver.findElement(By.id("w-url-error")).getText()).as("the refusal names the field")
				.isNotBlank();
			assertThat(focused().getAttribute("id")).as("the cursor goes to the field to fix").isEqualTo("w-url");
			assertThat(unexpectedConsoleEntries(
					message -> message.contains("/api/v1/webhooks") && message.contains("400")))
				.isEmpty();
			url.sendKeys(receiver.url());
			driver.findElement(By.id("w-description")).sendKeys("Dashboard test");
			driver.findElement(By.cssSelector("input[value='io.pinpointimport.import-role.created']")).click();
			driver.findElement(By.xpath("//button[normalize-space()='Add webhook']")).click();

			String secret = waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")))
				.getText();
			assertThat(secret).startsWith("whsec_");
			assertThat(driver.findElement(By.cssSelector(".secret-box")).getText())
				.contains("it is shown only this once");
			driver.findElement(By.xpath("//button[normalize-space()='Copy secret']")).click();
			waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions
				.textToBePresentInElementLocated(By.cssSelector(".secret-box [role=status]"), "Copied"));
			assertThat(driver.executeAsyncScript(
					"navigator.clipboard.readText().then(arguments[0], (e) => arguments[0]('refused: ' + e))"))
				.as("the clipboard holds the secret")
				.isEqualTo(secret);
			assertThat(driver.getCurrentUrl()).doesNotContain(secret);
			assertThat((String) driver.executeScript("return JSON.stringify(sessionStorage) + localStorage.length"))
				.doesNotContain(secret);
			check("webhook-created-laptop");

			JsonNode listed = this.api.get("/api/v1/webhooks").json();
			JsonNode created = listed.valueStream()
				.filter(hook -> hook.get("url").asString().equals(receiver.url()))
				.findFirst()
				.orElseThrow();
			String id = created.get("id").asString();
			this.webhooks.add(id);
			assertThat(created.has("secret")).as("shown once").isFalse();
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + id + "']")));

			driver.findElement(By.linkText("Open its delivery log")).click();
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "No deliveries yet"));
			assertThat(driver.findElements(By.id("webhook-secret"))).as("the secret is gone").isEmpty();
			createRole("hooked");
			// Two 503s, then 200: the open page follows the retries without a reload.
			By row = By.cssSelector("tr[data-delivery]");
			waitUpTo(Duration.ofSeconds(15))
				.until(ExpectedConditions.textToBePresentInElementLocated(row, "SUCCEEDED"));
			assertThat(cells(row)).containsSubsequence("SUCCEEDED", "3", "HTTP 200");
			assertThat(driver.findElement(row).getText()).containsPattern("\\d+ ms");
			check("webhook-laptop");

			driver.findElement(By.xpath("//button[normalize-space()='Redeliver']")).click();
			waitUpTo(Duration.ofSeconds(5)).until(ExpectedConditions
				.textToBePresentInElementLocated(By.cssSelector(".action-result"), "queued again"));
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 4);
			assertThat(receiver.received()).as("the same webhook-id each time")
				.containsOnly(receiver.received().get(0));
			waitUpTo(Duration.ofSeconds(10)).until(page -> cells(row).get(3).equals("4"));

			driver.findElement(By.xpath("//div[@class='actions']/button[normalize-space()='Rotate secret']")).click();
			driver.findElement(By.xpath("//*[@role='alertdialog']//button[normalize-space()='Rotate secret']")).click();
			String rotated = waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")))
				.getText();
			assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
			waitUpTo(Duration.ofSeconds(10)).until(
					ExpectedConditions.textToBePresentInElementLocated(By.id("view"), "Previous secret signs until"));
			check("webhook-rotated-laptop");

			driver.findElement(By.xpath("//div[@class='actions']/button[normalize-space()='Delete']")).click();
			focused().sendKeys(Keys.ESCAPE);
			assertThat(driver.findElements(By.cssSelector("[role=alertdialog]"))).as("Escape keeps it").isEmpty();
			driver.findElement(By.xpath("//div[@class='actions']/button[normalize-space()='Delete']")).click();
			assertThat(focused().getText()).as("the confirmation takes the focus").isEqualTo("Delete for good");
			check("webhook-delete-laptop");
			driver.findElement(By.xpath("//*[@role='alertdialog']//button[normalize-space()='Delete for good']"))
				.click();
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base() + "/#/webhooks"));
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-id='" + id + "']")));
			assertThat(this.api.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
		}
	}

	@Test
	void showsADisabledWebhookAndOffersWebhookActionsOnlyWithTheirScopes() {
		try (LocalReceiver down = new LocalReceiver(503)) {
			String id = subscribe(down.url());
			createRole("unheard");
			await().atMost(Duration.ofSeconds(15))
				.until(() -> !this.api.get("/api/v1/webhooks/" + id).json().get("enabled").asBoolean());

			signIn("api-key", TestCredentials.apiKeyWithout("webhooks:write"));
			driver.get(base() + "/#/webhooks/" + id);
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "DISABLED"));
			assertThat(driver.findElement(By.cssSelector(".problem")).getText()).contains("503");
			By row = By.cssSelector("tr[data-delivery]");
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(row, "FAILED"));
			assertThat(driver.findElement(row).getText()).contains("HTTP 503");
			assertThat(driver.findElements(By.cssSelector("#view button"))).as("no action without webhooks:write")
				.isEmpty();
			driver.get(base() + "/#/webhooks");
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + id + "']")));
			assertThat(driver.findElements(By.id("w-url"))).as("no form without webhooks:write").isEmpty();

			signIn("bearer", TestJwt.token("dashboard-viewer", List.of("imports:read"), Duration.ofMinutes(10)));
			assertThat(driver.findElement(By.cssSelector("#nav a[href='#/webhooks']")).isDisplayed()).isFalse();
			driver.get(base() + "/#/webhooks");
			waitUpTo(Duration.ofSeconds(10)).until(
					ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "lack the scope webhooks:read"));

			signIn("api-key", TestCredentials.ADMIN_API_KEY);
			driver.get(base() + "/#/webhooks/" + id);
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(row, "FAILED"));
			driver.findElement(By.xpath("//button[normalize-space()='Redeliver']")).click();
			// A disabled webhook's deliveries wait: nothing is sent until it is enabled
			// again.
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(row, "PENDING"));
			assertThat(driver.findElement(row).getText()).contains("when enabled again");
			check("webhook-disabled-laptop");

			// The receiver is fixed: enabled again, the waiting delivery goes out.
			down.answer(200);
			driver.findElement(By.xpath("//button[normalize-space()='Enable again']")).click();
			waitUpTo(Duration.ofSeconds(10))
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "ENABLED"));
			waitUpTo(Duration.ofSeconds(15))
				.until(ExpectedConditions.textToBePresentInElementLocated(row, "SUCCEEDED"));
			assertThat(driver.findElement(row).getText()).contains("HTTP 200");
			assertThat(driver.findElements(By.xpath("//button[normalize-space()='Enable again']"))).isEmpty();
			assertThat(this.api.get("/api/v1/webhooks/" + id).json().get("enabled").asBoolean()).isTrue();
		}
	}

	@Test
	void startsAnImportWithTheKeyboardAloneAndWatchesItSucceed() {
		signOut();
		driver.get(base() + "/");
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("secret")));
		assertThat(focused().getAttribute("id")).as("sign-in puts the cursor in the credential field")
			.isEqualTo("secret");
		focused().sendKeys(TestCredentials.ADMIN_API_KEY, Keys.ENTER);
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
		waitUpTo(Duration.ofSeconds(5)).until(page -> "imports-title".equals(focused().getAttribute("id")));

		driver.navigate().refresh();
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("imports-title")));
		assertThat(focused().getAttribute("id")).as("a loaded page starts at its heading").isEqualTo("imports-title");
		WebElement skip = focused();
		for (int i = 0; i < 10 && !"Skip to content".equals(skip.getText()); i++) {
			skip.sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
			skip = focused();
		}
		assertThat(skip.getText()).as("the skip link heads the tab order").isEqualTo("Skip to content");
		skip.sendKeys(Keys.ENTER);
		assertThat(focused().getAttribute("id")).as("the skip link leads to the content").isEqualTo("main");
		assertThat(driver.getCurrentUrl()).as("and leaves the page where it is").doesNotContain("#main");
		tabTo(element -> "Start & validate".equals(element.getText())).sendKeys(Keys.ENTER);
		waitUpTo(Duration.ofSeconds(5)).until(page -> "start-title".equals(focused().getAttribute("id")));
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#s-role option[value='" + this.roleName + "']")));

		tabTo(element -> "s-app".equals(element.getAttribute("id"))).sendKeys(Keys.chord(Keys.CONTROL, "a"),
				this.applicationId);
		tabTo(element -> "s-url".equals(element.getAttribute("id"))).sendKeys("s3://" + BUCKET + "/endpoints/");
		tabTo(element -> "s-segment".equals(element.getAttribute("id"))).sendKeys("typed-by-keyboard");
		tabTo(element -> "s-role".equals(element.getAttribute("id"))).sendKeys(this.roleName);
		assertThat(driver.findElement(By.id("s-role")).getAttribute("value")).isEqualTo(this.roleName);
		tabTo(element -> "Start import".equals(element.getText())).sendKeys(Keys.ENTER);

		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("#/imports/[0-9a-f-]{36}$"));
		waitUpTo(Duration.ofSeconds(30))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view h1"), "SUCCEEDED"));
		String id = driver.getCurrentUrl().replaceAll(".*#/imports/", "");
		JsonNode started = this.api.get("/api/v1/imports/" + id).json();
		assertThat(started.get("segmentName").asString()).isEqualTo("typed-by-keyboard");
		assertThat(started.get("requestedBy").asString()).isEqualTo(TestCredentials.ADMIN_CLIENT);
	}

	@Test
	void saysWhenTheServiceCannotBeReachedAndRecoversByItself() {
		String known = start("s3://" + BUCKET + "/endpoints/", "seen");
		By listed = By.cssSelector("tr[data-id='" + known + "']");
		signIn("api-key", TestCredentials.ADMIN_API_KEY);
		String unknown = UUID.randomUUID().toString();
		driver.get(base() + "/#/imports/" + unknown);
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#view .problem"), "No import has the id " + unknown));
		check("import-not-found-laptop");

		driver.get(base() + "/#/imports?applicationId=" + "0".repeat(32));
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#view .empty"), "No import matches these filters."));
		driver.findElement(By.linkText("Show every import.")).click();
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id]")));

		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		try {
			waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions
				.textToBePresentInElementLocated(By.cssSelector("#view .problem"), "Service unreachable"));
			check("imports-unreachable-laptop");
		}
		finally {
			driver.executeCdpCommand("Network.emulateNetworkConditions",
					Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		}
		waitUpTo(Duration.ofSeconds(15))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id]")));
		assertThat(driver.findElements(By.cssSelector("#view .problem"))).isEmpty();
		// The browser itself logs the refused requests, the 404 and the offline ones;
		// nothing else.
		assertThat(unexpectedConsoleEntries(message -> message.contains("ERR_INTERNET_DISCONNECTED")
				|| (message.contains("/api/v1/imports/" + unknown) && message.contains("404"))))
			.isEmpty();
	}

	/**
	 * Drains the browser console: its warnings and errors but those the browser logs
	 * itself for a request a test made fail on purpose.
	 */
	private static List<String> unexpectedConsoleEntries(Predicate<String> expected) {
		List<String> unexpected = new ArrayList<>();
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue() && !expected.test(entry.getMessage())) {
				unexpected.add(entry.getLevel() + " " + entry.getMessage());
			}
		}
		return unexpected;
	}

	@Test
	void everyPageIsAccessibleAtLaptopAndPhoneWidths() {
		LocalReceiver receiver = new LocalReceiver(200);
		String webhook = subscribe(receiver.url());
		createRole("toured");
		Failed failed = failedImport();
		String succeeded = start("s3://" + BUCKET + "/endpoints/", "tour");
		awaitState(succeeded, "SUCCEEDED");
		// Drift for the role page: someone detached the managed policy in IAM.
		AwsStandIn.shared()
			.iamClient()
			.detachRolePolicy(request -> request.roleName(this.roleName)
				.policyArn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));

		for (Dimension size : List.of(new Dimension(1280, 900), new Dimension(390, 844))) {
			String width = (size.getWidth() > 600) ? "laptop" : "phone";
			driver.manage().window().setSize(size);
			signOut();
			driver.get(base() + "/");
			waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("secret")));
			check("sign-in-" + width);
			signIn("api-key", TestCredentials.ADMIN_API_KEY);
			visit("#/imports", "tr[data-id]", "imports-" + width);
			visit("#/imports/" + failed.id(), "#validation-title", "import-failed-" + width);
			visit("#/imports/" + succeeded, ".timeline li", "import-succeeded-" + width);
			visit("#/start", "#s-role option[value='" + this.roleName + "']", "start-" + width);
			visit("#/roles", ".badge.s-failed", "roles-" + width);
			visit("#/roles/" + this.roleName, ".drift li", "role-" + width);
			visit("#/audit", "tbody tr", "audit-" + width);
			visit("#/webhooks", "tr[data-id='" + webhook + "']", "webhooks-" + width);
			visit("#/webhooks/" + webhook, "tr[data-delivery]", "webhook-" + width);
		}
		receiver.close();
		driver.manage().window().setSize(new Dimension(1280, 900));
		visit("#/roles/" + this.roleName, ".drift li", null);
		driver.findElement(By.xpath("//button[normalize-space()='Repair']")).click();
		waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"),
				"None: IAM holds what was declared."));
		assertThat(driver.findElement(By.cssSelector(".action-result")).getText()).contains("AttachRolePolicy");
		check("role-repaired-laptop");
		visit("#/start", "#s-role option[value='" + this.roleName + "']", null);
		driver.findElement(By.id("v-url")).sendKeys("s3://" + BUCKET + "/" + failed.prefix() + "/");
		driver.findElement(By.xpath("//button[normalize-space()='Validate']")).click();
		waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".action-result #validation-title")));
		check("validation-laptop");
	}

	@Test
	void staysWithinItsPageWeightBudgetAndPaintsInUnderASecond() {
		driver.get(base() + "/");
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("secret")));
		Number bytes = (Number) driver.executeScript("""
				return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
				  .reduce((sum, entry) => sum + entry.decodedBodySize, 0);""");
		Number firstPaint = (Number) driver.executeScript(FIRST_PAINT);
		assertThat(bytes.intValue()).as("bytes of the page, scripts and styles")
			.isPositive()
			.isLessThanOrEqualTo(PAGE_WEIGHT_BUDGET_BYTES);
		assertThat(firstPaint.doubleValue()).as("first contentful paint, ms").isBetween(0.0, 1000.0);

		signIn("api-key", TestCredentials.ADMIN_API_KEY);
		driver.navigate().refresh();
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("imports-title")));
		Number signedInPaint = (Number) driver.executeScript(FIRST_PAINT);
		assertThat(signedInPaint.doubleValue()).as("first contentful paint when signed in, ms").isBetween(0.0, 1000.0);
	}

	private void visit(String hash, String readyWhen, String name) {
		driver.get(base() + "/" + hash);
		waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(readyWhen)));
		if (name != null) {
			check(name);
		}
	}

	/** Screenshot, then axe-core: no serious or critical violation. */
	private void check(String name) {
		screenshot(name);
		driver.executeScript(axe);
		String result = (String) driver.executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						axe.run(document, {resultTypes: ['violations']})
						  .then((r) => done(JSON.stringify(r.violations)))
						  .catch((e) => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));""");
		List<String> serious = new ArrayList<>();
		for (JsonNode violation : Api.parse(result)) {
			String impact = violation.path("impact").asString("");
			if (impact.equals("serious") || impact.equals("critical")) {
				List<String> targets = new ArrayList<>();
				violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
				serious.add(impact + " " + violation.path("id").asString() + ": " + violation.path("help").asString()
						+ " at " + targets);
			}
		}
		assertThat(serious).as("serious or critical axe-core violations on " + name).isEmpty();
	}

	private void screenshot(String name) {
		Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
		try {
			Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Forgets the tab's credential on a page without the dashboard's scripts. */
	private void signOut() {
		driver.get(base() + "/dashboard/app.css");
		driver.executeScript("sessionStorage.clear()");
	}

	private void signIn(String kind, String secret) {
		signOut();
		driver.get(base() + "/");
		WebElement field = waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret")));
		driver.findElement(By.cssSelector("input[name='kind'][value='" + kind + "']")).click();
		field.sendKeys(secret);
		driver.findElement(By.cssSelector("#sign-in-form button[type='submit']")).click();
		waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
		assertThat(driver.getCurrentUrl()).doesNotContain(secret);
		assertThat((String) driver.executeScript("return localStorage.length + document.cookie")).isEqualTo("0");
	}

	private String start(String s3Url, String segment) {
		Api.Response accepted = this.api.post("/api/v1/imports", """
				{"applicationId":"%s","s3Url":"%s","format":"CSV","segmentName":"%s","roleName":"%s"}"""
			.formatted(this.applicationId, s3Url, segment, this.roleName));
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		return accepted.json().get("id").asString();
	}

	/** Subscribes {@code url} to import role creations through the API; its id. */
	private String subscribe(String url) {
		Api.Response created = this.api.post("/api/v1/webhooks",
				"{\"url\":\"%s\",\"eventTypes\":[\"io.pinpointimport.import-role.created\"]}".formatted(url));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("id").asString();
		this.webhooks.add(id);
		return id;
	}

	private void createRole(String prefix) {
		String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.api.put("/api/v1/import-roles/" + name, "{\"applicationId\":\"" + this.applicationId + "\"}")
			.status()).isEqualTo(201);
	}

	private static WebElement focused() {
		return driver.switchTo().activeElement();
	}

	/** Presses Tab until the focused element matches, at most 40 times; that element. */
	private static WebElement tabTo(Predicate<WebElement> wanted) {
		for (int i = 0; i < 40; i++) {
			WebElement element = focused();
			if (wanted.test(element)) {
				return element;
			}
			element.sendKeys(Keys.TAB);
		}
		throw new AssertionError("Tab never reached the element");
	}

	/** The texts of a table row's cells. */
	private static List<String> cells(By row) {
		return driver.findElement(row).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
	}

	/** A failed import and the key prefix it reads. */
	record Failed(String id, String prefix) {

	}

	/** An import of a location with no files yet: it fails its pre-flight validation. */
	private Failed failedImport() {
		String prefix = "later-" + UUID.randomUUID();
		String id = start("s3://" + BUCKET + "/" + prefix + "/", "retried");
		awaitState(id, "FAILED");
		return new Failed(id, prefix);
	}

	private void awaitState(String id, String state) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.api.get("/api/v1/imports/" + id).json().get("state").asString(), state::equals);
	}

	private WebDriverWait waitUpTo(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(driver, timeout);
		wait.pollingEvery(Duration.ofMillis(100));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static byte[] csv() {
		return """
				ChannelType,Address,Location.Country,User.UserId,User.UserAttributes.FirstName
				SMS,+14155550100,US,user-1,Ana
				EMAIL,ana@example.com,US,user-1,Ana
				EMAIL,li@example.com,CA,user-2,Li
				""".getBytes(StandardCharsets.UTF_8);
	}

}
