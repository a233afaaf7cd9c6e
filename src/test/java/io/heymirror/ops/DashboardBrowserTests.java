package io.heymirror.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.heymirror.support.IntegrationTest;
import io.heymirror.support.TestUpstream;
import io.heymirror.sync.SyncControl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium: what an operator sees, from the key prompt
 * to the charts. Screenshots go to {@code target/dashboard*.png}. Chromium and its driver
 * come from the Debian packages {@code chromium} and {@code chromium-driver}, which CI
 * installs; where they are missing the test is skipped.
 */
@IntegrationTest
class DashboardBrowserTests {

	private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

	private static WebDriver browser;

	private static Path profile;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SyncControl control;

	OpsFixtures fixtures;

	Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeAll
	static void startBrowser() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
		profile = Files.createTempDirectory("heymirror-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1440,1500", "--lang=en-US");
		// the driver is given, so Selenium Manager never looks for one on the network
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.quit();
		}
		if (profile != null) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@BeforeEach
	void resetState() {
		this.fixtures = new OpsFixtures(this.jdbc);
		this.fixtures.reset();
	}

	@AfterEach
	void cleanUp() {
		await().atMost(Duration.ofSeconds(60)).until(() -> !this.control.isSyncingAnywhere());
		this.fixtures.reset();
	}

	@Test
	void showsAFreshCompleteMirrorWithItsRunsAndCharts() throws IOException {
		List<Long> ids = history(20_000);
		this.fixtures.synced(this.now.minusSeconds(125), 20_000, 20_000, this.now.minusSeconds(190));

		openWithKey(this.port);

		awaitField("default", "freshness", "Fresh: last successful sync 2 min ago");
		assertThat(field("default", "completeness")).isEqualTo("Complete: 20,000 of 20,000 contacts");
		assertThat(field("default", "watermark")).isEqualTo(utc(this.now.minusSeconds(190)));
		assertThat(field("default", "activity")).isEqualTo("Idle");
		assertThat(browser.findElements(By.cssSelector("#accounts section.account"))).as("one row of cards").hasSize(1);
		assertThat(browser.findElement(By.cssSelector("#accounts .account-title")).isDisplayed())
			.as("one account needs no name")
			.isFalse();
		assertThat(browser.findElement(By.id("account-filter")).isDisplayed()).as("nor a filter").isFalse();
		assertThat(browser.findElement(By.cssSelector("#runs thead")).getText()).doesNotContain("Account");
		List<WebElement> rows = browser.findElements(By.cssSelector("#runs tbody tr"));
		assertThat(rows).hasSize(ids.size());
		assertThat(rows.get(0).getAttribute("data-run-id")).isEqualTo(String.valueOf(ids.getLast()));
		assertThat(rows.get(0).getText()).contains("succeeded").contains("20,000 / 20,000");
		assertThat(browser.findElement(By.cssSelector("#runs tbody")).getText()).contains("failed")
			.contains("HTTP 503 from upstream");
		assertThat(browser.findElements(By.cssSelector("#chart-contacts svg g[data-run-id]"))).hasSize(ids.size());
		assertThat(browser.findElements(By.cssSelector("#chart-contacts svg rect.inserted"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#chart-requests svg rect.throttled"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#chart-changes svg g[data-run-id]"))).hasSize(ids.size());
		assertThat(browser.findElements(By.cssSelector("#chart-changes svg rect.created"))).isNotEmpty();
		assertThat(browser.findElements(By.cssSelector("#chart-changes svg rect.deleted"))).hasSize(1);
		assertThat(browser.findElements(By.cssSelector("#chart-size svg path.line"))).hasSize(1);
		assertThat(browser.findElement(By.cssSelector("#sinks tbody")).getText())
			.isEqualTo("No webhook subscriber or Kafka topic is configured.");
		assertThat(browser.findElements(By.cssSelector("#chart-size svg circle.dot"))).hasSize(ids.size() - 1);
		screenshot("dashboard.png");
	}

	@Test
	void saysStaleAndIncompleteInRed() throws IOException {
		history(19_990);
		this.fixtures.synced(this.now.minus(Duration.ofHours(3)), 20_000, 19_990, this.now.minus(Duration.ofHours(3)));

		openWithKey(this.port);

		awaitField("default", "freshness", "Stale: last successful sync 3 h ago");
		assertThat(field("default", "completeness")).isEqualTo("Incomplete: 19,990 of 20,000 contacts");
		assertThat(fieldElement("default", "freshness").getAttribute("class")).contains("bad");
		assertThat(fieldElement("default", "completeness").getAttribute("class")).contains("bad");
		screenshot("dashboard-stale.png");
	}

	@Test
	void syncsFromTheButtonAndAsksTwiceBeforeAFullResync() throws IOException {
		TestUpstream.replace((upstream) -> upstream.seed(91).contacts(40));
		openWithKey(this.port);
		awaitField("default", "freshness", "Not synced yet: no successful run");

		browser.findElement(By.id("run-full")).click();
		assertThat(browser.findElement(By.id("run-full")).getText()).isEqualTo("Click again to re-sync everything");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sync_run", Long.class)).isZero();

		browser.findElement(By.id("run-incremental")).click();
		awaitText("message", "Incremental run started.");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(field("default", "freshness")).startsWith("Fresh: last successful sync"));
		awaitField("default", "completeness", "Complete: 40 of 40 contacts");
		List<WebElement> rows = browser.findElements(By.cssSelector("#runs tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("manual").contains("succeeded").contains("40 / 40");
		screenshot("dashboard-after-run.png");
	}

	@Test
	void saysSoWhenARunIsAlreadyInProgress() {
		openWithKey(this.port);
		awaitField("default", "freshness", "Not synced yet: no successful run");
		this.fixtures.lockHeldElsewhere();

		browser.findElement(By.id("run-incremental")).click();

		awaitText("message", "A sync run is already in progress; nothing was started.");
		awaitField("default", "activity", "Running in another replica");
		this.fixtures.lockReleased();
	}

	/**
	 * Two accounts: a row of cards each, under its name, and a filter that narrows the
	 * runs table and the charts to one account. Its own context: the shared one has the
	 * account {@code default} only.
	 */
	@Nested
	@TestPropertySource(properties = "heymirror.accounts.east.api-key=" + TestUpstream.API_KEY)
	class TwoAccounts {

		@LocalServerPort
		int port;

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void showsARowOfCardsPerAccountAndFiltersTheRunsByAccount() throws IOException {
			OpsFixtures fixtures = new OpsFixtures(this.jdbc);
			Instant now = DashboardBrowserTests.this.now;
			List<Long> defaultRuns = List.of(
					fixtures.run(OpsFixtures.Run.succeeded(now.minusSeconds(900), 100, 0, 0, 100)),
					fixtures.run(OpsFixtures.Run.succeeded(now.minusSeconds(300), 2, 3, 0, 102)));
			List<Long> eastRuns = List.of(
					fixtures.run("east", OpsFixtures.Run.succeeded(now.minusSeconds(4000), 40, 0, 0, 40)),
					fixtures.run("east", OpsFixtures.Run.succeeded(now.minusSeconds(600), 0, 1, 0, 40)),
					fixtures.run("east", OpsFixtures.Run.succeeded(now.minusSeconds(120), 0, 2, 0, 40)));
			fixtures.synced(now.minusSeconds(280), 102, 102, now.minusSeconds(360));
			fixtures.synced("east", now.minus(Duration.ofHours(2)), 50, 40, now.minus(Duration.ofHours(2)));

			openWithKey(this.port);

			awaitField("east", "freshness", "Stale: last successful sync 2 h ago");
			assertThat(browser.findElements(By.cssSelector("#accounts section.account"))
				.stream()
				.map((row) -> row.findElement(By.className("account-name")).getText())
				.toList()).as("a row per account, under its name").containsExactly("default", "east");
			assertThat(field("default", "freshness")).isEqualTo("Fresh: last successful sync 4 min ago");
			assertThat(field("default", "completeness")).isEqualTo("Complete: 102 of 102 contacts");
			assertThat(field("east", "completeness")).isEqualTo("Incomplete: 40 of 50 contacts");
			assertThat(field("east", "activity")).isEqualTo("Idle");
			assertThat(browser.findElement(By.cssSelector("section[data-account='east'] .account-health")).getText())
				.isEqualTo("UNKNOWN");
			assertThat(runIds("#runs tbody tr")).as("every account's runs, newest first")
				.containsExactly(eastRuns.get(2), defaultRuns.get(1), eastRuns.get(1), defaultRuns.get(0),
						eastRuns.get(0));
			assertThat(browser.findElement(By.cssSelector("#runs tbody tr")).getText())
				.startsWith(eastRuns.get(2) + " east");
			assertThat(browser.findElements(By.cssSelector("#chart-size svg path.line"))).as("a line per account")
				.extracting((line) -> line.getAttribute("data-account"))
				.containsExactly("default", "east");
			screenshot("dashboard-accounts.png");

			new Select(browser.findElement(By.id("account-filter"))).selectByVisibleText("east");

			assertThat(runIds("#runs tbody tr")).as("east's runs only")
				.containsExactly(eastRuns.get(2), eastRuns.get(1), eastRuns.get(0));
			assertThat(runIds("#chart-contacts svg g[data-run-id]")).containsExactly(eastRuns.get(0), eastRuns.get(1),
					eastRuns.get(2));
			assertThat(browser.findElements(By.cssSelector("#chart-size svg path.line")))
				.extracting((line) -> line.getAttribute("data-account"))
				.containsExactly("east");
			assertThat(browser.findElements(By.cssSelector("#accounts section.account"))).as("the cards stay")
				.hasSize(2);
			screenshot("dashboard-accounts-east.png");

			new Select(browser.findElement(By.id("account-filter"))).selectByVisibleText("default");

			assertThat(runIds("#runs tbody tr")).containsExactly(defaultRuns.get(1), defaultRuns.get(0));
			String updated = text("updated");
			await().atMost(Duration.ofSeconds(15)).until(() -> !text("updated").equals(updated));
			assertThat(runIds("#runs tbody tr")).as("the next refresh keeps the choice")
				.containsExactly(defaultRuns.get(1), defaultRuns.get(0));
		}

	}

	private static List<Long> runIds(String selector) {
		return browser.findElements(By.cssSelector(selector))
			.stream()
			.map((element) -> Long.valueOf(element.getAttribute("data-run-id")))
			.toList();
	}

	/**
	 * Opens the page in a fresh tab state; it asks for the key, which is then typed in.
	 */
	private static void openWithKey(int port) {
		browser.get("http://localhost:" + port + "/");
		((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
		browser.navigate().refresh();
		await().atMost(Duration.ofSeconds(15)).until(() -> browser.findElement(By.id("key-panel")).isDisplayed());
		browser.findElement(By.id("key-input")).sendKeys(Http.KEY);
		browser.findElement(By.id("key-save")).click();
		await().atMost(Duration.ofSeconds(15)).until(() -> !browser.findElement(By.id("key-panel")).isDisplayed());
	}

	/**
	 * Eleven runs a few minutes apart: a first full backfill, incremental runs (one with
	 * 429s), one failed run; the mirror grows to {@code finalSize}.
	 */
	private List<Long> history(long finalSize) {
		List<Long> ids = new java.util.ArrayList<>();
		Instant start = this.now.minus(Duration.ofMinutes(60));
		long size = finalSize - 90;
		ids.add(this.fixtures.run(new OpsFixtures.Run("FULL", "SUCCEEDED", start, start.plusSeconds(95), 667, 701, 12,
				(int) size, (int) size, 0, 0, size, size, start, null)));
		for (int i = 1; i <= 10; i++) {
			Instant at = start.plus(Duration.ofMinutes(5L * i));
			if (i == 6) {
				ids.add(this.fixtures.run(new OpsFixtures.Run("INCREMENTAL", "FAILED", at, at.plusSeconds(3), 0, 4, 0,
						0, 0, 0, 0, null, null, at, "HTTP 503 from upstream")));
				continue;
			}
			int inserted = (i % 3 == 0) ? 0 : 11;
			int updated = 3 + i;
			int deleted = (i == 8) ? 2 : 0;
			size = Math.min(finalSize, size + inserted - deleted);
			if (i == 10) {
				size = finalSize;
			}
			long id = this.fixtures
				.run(new OpsFixtures.Run("INCREMENTAL", "SUCCEEDED", at, at.plusSeconds(4), 2, 3 + (i % 4),
						(i == 4) ? 2 : 0, inserted + updated, inserted, updated, deleted, size, size, at, null));
			this.fixtures.changes(id, "created", inserted);
			this.fixtures.changes(id, "updated", updated);
			this.fixtures.changes(id, "deleted", deleted);
			ids.add(id);
		}
		return ids;
	}

	private static void awaitText(String id, String expected) {
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(id)).isEqualTo(expected));
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static void awaitField(String account, String name, String expected) {
		// the rows appear with the first answer
		await().atMost(Duration.ofSeconds(15))
			.ignoreExceptionsInstanceOf(NoSuchElementException.class)
			.untilAsserted(() -> assertThat(field(account, name)).isEqualTo(expected));
	}

	/** A card's field in the row of the account: freshness, completeness, ... */
	private static String field(String account, String name) {
		return fieldElement(account, name).getText();
	}

	private static WebElement fieldElement(String account, String name) {
		return browser
			.findElement(By.cssSelector("section[data-account='" + account + "'] [data-field='" + name + "']"));
	}

	private static String utc(Instant instant) {
		return instant.toString().replace('T', ' ').replace("Z", "") + " UTC";
	}

	private static void screenshot(String name) throws IOException {
		Path target = Paths.get("target", name);
		Files.createDirectories(target.getParent());
		Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
	}

}
