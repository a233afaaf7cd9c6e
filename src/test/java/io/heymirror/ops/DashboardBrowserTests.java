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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
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

		openWithKey();

		awaitText("freshness", "Fresh: last successful sync 2 min ago");
		assertThat(text("completeness")).isEqualTo("Complete: 20,000 of 20,000 contacts");
		assertThat(text("watermark")).isEqualTo(utc(this.now.minusSeconds(190)));
		assertThat(text("activity")).isEqualTo("Idle");
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

		openWithKey();

		awaitText("freshness", "Stale: last successful sync 3 h ago");
		assertThat(text("completeness")).isEqualTo("Incomplete: 19,990 of 20,000 contacts");
		assertThat(browser.findElement(By.id("freshness")).getAttribute("class")).contains("bad");
		assertThat(browser.findElement(By.id("completeness")).getAttribute("class")).contains("bad");
		screenshot("dashboard-stale.png");
	}

	@Test
	void syncsFromTheButtonAndAsksTwiceBeforeAFullResync() throws IOException {
		TestUpstream.replace((upstream) -> upstream.seed(91).contacts(40));
		openWithKey();
		awaitText("freshness", "Not synced yet: no successful run");

		browser.findElement(By.id("run-full")).click();
		assertThat(browser.findElement(By.id("run-full")).getText()).isEqualTo("Click again to re-sync everything");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM sync_run", Long.class)).isZero();

		browser.findElement(By.id("run-incremental")).click();
		awaitText("message", "Incremental run started.");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(text("freshness")).startsWith("Fresh: last successful sync"));
		awaitText("completeness", "Complete: 40 of 40 contacts");
		List<WebElement> rows = browser.findElements(By.cssSelector("#runs tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getText()).contains("manual").contains("succeeded").contains("40 / 40");
		screenshot("dashboard-after-run.png");
	}

	@Test
	void saysSoWhenARunIsAlreadyInProgress() {
		openWithKey();
		awaitText("freshness", "Not synced yet: no successful run");
		this.fixtures.lockHeldElsewhere();

		browser.findElement(By.id("run-incremental")).click();

		awaitText("message", "A sync run is already in progress; nothing was started.");
		awaitText("activity", "Running in another replica");
		this.fixtures.lockReleased();
	}

	/**
	 * Opens the page in a fresh tab state; it asks for the key, which is then typed in.
	 */
	private void openWithKey() {
		browser.get("http://localhost:" + this.port + "/");
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

	private void awaitText(String id, String expected) {
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(text(id)).isEqualTo(expected));
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
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
