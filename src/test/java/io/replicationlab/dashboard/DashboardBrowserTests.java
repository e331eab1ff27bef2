package io.replicationlab.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's Chromium, headless) against three replicas in
 * this JVM: the page served by r1 reads every replica directly, across origins, with an
 * embedded KRaft broker for total order. Each scenario takes the mode as a parameter, so
 * covering another mode is one more value in its {@code @ValueSource}. A mode that does
 * not answer 200 fails its scenario; without Chromium the class is skipped, or fails when
 * {@code CI=true} ({@link DashboardBrowser#requireInstalled()}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

	/**
	 * Where the screenshot goes: {@code target/} by default, so that a test run leaves
	 * the work tree clean; the README's picture is refreshed with
	 * {@code -Ddashboard.screenshot=docs/dashboard.png}.
	 */
	static final Path SCREENSHOT = Path.of(System.getProperty("dashboard.screenshot", "target/dashboard.png"));

	static final List<String> REPLICAS = List.of("r1", "r2", "r3");

	@TempDir
	static Path temp;

	static ThreeReplicas replicas;

	@AutoClose
	static DashboardBrowser browser;

	static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void start() {
		DashboardBrowser.requireInstalled();
		broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		// a page write answers once applied everywhere it can see: give the first
		// total-order write (topic created,
		// consumers assigned) time to be applied rather than answered 202
		replicas = new ThreeReplicas(temp.resolve("data"),
				"spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "totalorder.await-timeout=30s");
		browser = new DashboardBrowser(temp.resolve("chromium-profile"));
	}

	/** The replicas first: closed after the broker, each would wait for it. */
	@AfterAll
	static void stop() {
		if (replicas != null) {
			replicas.close();
		}
		if (broker != null) {
			broker.destroy();
		}
	}

	@Test
	@Order(1)
	void pageShowsEveryReplicaWithoutConsoleErrors() {
		open("local");
		browser.script("console.error('probe: the console check sees errors')");
		assertThat(browser.severeConsoleMessages()).as("the browser log is read")
			.anyMatch((message) -> message.contains("probe"));
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			List<WebElement> cards = browser.driver.findElements(By.cssSelector("#replicas .replica"));
			assertThat(cards).extracting((card) -> card.getAttribute("data-replica"))
				.containsExactlyElementsOf(REPLICAS);
			assertThat(cards).allSatisfy(
					(card) -> assertThat(card.findElement(By.cssSelector(".status")).getText()).isEqualTo("up"));
			assertThat(browser.driver.findElements(By.cssSelector("#diagram .lane-label"))).hasSize(3);
		});
		assertThat(browser.driver.findElement(By.id("served-by")).getText()).contains("served by r1");
		assertThat(browser.severeConsoleMessages()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "local", "total-order" })
	@Order(2)
	void writeMadeThroughThePageAppearsInTheLanes(String mode) {
		requireModeServed(mode);
		open(mode);
		String key = "page-" + mode;
		write(mode, "r2", key, "hello");
		String opId = writtenOpId();
		List<String> holders = mode.equals("local") ? List.of("r2") : REPLICAS;
		await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
			for (String id : holders) {
				assertThat(text("[data-replica='" + id + "'] .wal-list")).contains(key + "=hello");
				assertThat(text("[data-replica='" + id + "'] .applied-list"))
					.contains(opId.substring(opId.length() - 8));
			}
			assertThat(browser.driver.findElements(By.cssSelector("#diagram g.op[data-op='" + opId + "']")))
				.hasSize(holders.size());
		});
		if (mode.equals("local")) {
			assertThat(text("[data-replica='r1'] .wal-list")).doesNotContain(key);
			assertThat(text("[data-replica='r3'] .wal-list")).doesNotContain(key);
		}
		WebElement call = browser.driver.findElement(By.cssSelector("#calls li"));
		assertThat(call.getText()).contains("PUT", replicas.url("r2") + "/api/" + mode + "/kv/" + key, "200");
		clickMark("#diagram g.op[data-op='" + opId + "']");
		assertThat(text("#op-details")).contains(opId, "r1", "r2", "r3");
		assertThat(browser.severeConsoleMessages()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "local" })
	@Order(3)
	void burstWritesToEveryReplicaAtOnce(String mode) {
		requireModeServed(mode);
		open(mode);
		browser.driver.findElement(By.id("burst-submit")).click();
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			for (String id : REPLICAS) {
				assertThat(
						browser.driver.findElements(By.cssSelector("[data-replica='" + id + "'] .applied-list .vrow")))
					.hasSizeGreaterThanOrEqualTo(5);
			}
			assertThat(browser.driver.findElements(By.cssSelector("#calls li"))).hasSizeGreaterThanOrEqualTo(15);
		});
		clickMark("#diagram g.op");
		screenshot();
		assertThat(browser.severeConsoleMessages()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "local" })
	@Order(4)
	void thousandsOfOpsStayWindowed(String mode) {
		requireModeServed(mode);
		replicas.writeMany("r3", mode, 1500);
		open(mode);
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
			assertThat(rowsHeld("r3", "applied")).isGreaterThanOrEqualTo(1500);
			assertThat(visibleNumbers("[data-replica='r3'] .wal-list")).anyMatch((lsn) -> lsn >= 1500);
		});
		assertThat(browser.driver.findElements(By.cssSelector("[data-replica='r3'] .wal-list .vrow")))
			.hasSizeLessThan(40);
		assertThat(browser.driver.findElements(By.cssSelector("#diagram g.op"))).hasSizeLessThan(3 * 100);
		// the top of the list is r3's first WAL row of this mode (not lsn 1: the
		// total-order scenario's op came first)
		long first = replicas.get("r3", "/api/replica/wal?mode=" + mode + "&limit=1").get(0).path("lsn").asLong();
		browser.script("document.querySelector(\"[data-replica='r3'] .wal-list\").scrollTop = 0");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(visibleNumbers("[data-replica='r3'] .wal-list")).contains(first));
		assertThat(browser.severeConsoleMessages()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "reconcile" })
	@Order(5)
	void partitionMadeThroughThePageShowsDivergenceAndHealingShowsConvergence(String mode) {
		requireModeServed(mode);
		open(mode);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(browser.driver.findElement(By.id("partition-panel")).isDisplayed()).isTrue());
		group("r1", "A");
		group("r2", "B");
		group("r3", "B");
		browser.driver.findElement(By.id("partition-cut")).click();
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text("[data-replica='r1'] .partition")).contains("[r1]"));
		write(mode, "r1", "split", "left");
		write(mode, "r3", "split", "right");
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text("#digest-verdict")).contains("differ"));
		browser.driver.findElement(By.id("partition-heal")).click();
		await().atMost(Duration.ofSeconds(60))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text("#digest-verdict")).contains("equal"));
		// the verifier and the replication health (when this build has them) agree, once
		// they have looked again
		await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() -> {
			assertThat(browser.driver.findElements(By.cssSelector(".verdict.broken"))).isEmpty();
			assertThat(browser.driver.findElements(By.cssSelector("#mode-health")))
				.noneMatch((pill) -> pill.getText().contains("DIVERGED"));
		});
		screenshot();
		assertThat(browser.severeConsoleMessages()).isEmpty();
	}

	/**
	 * Time travel on the page: one value reaches every replica, a partition makes r1 and
	 * r3 write different values, then the time slider is stepped back, moment by moment,
	 * to the instant the first value had reached the last replica: every card shows that
	 * value (read with ?asOf= from its replica) and the digests are equal. A write made
	 * meanwhile does not show while the page is in the past; at the slider's end the page
	 * is live again and shows it.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "reconcile" })
	@Order(6)
	void scrubbingBackShowsEveryReplicaAsItStoodAndTheEndIsLiveAgain(String mode) {
		requireModeServed(mode);
		open(mode);
		String key = "travel-" + System.nanoTime() % 100000;
		String same = put("r1", mode, key, "same");
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			for (String id : REPLICAS) {
				assertThat(appliedAt(id, mode, same)).as(id).isNotNull();
			}
		});
		Instant sameEverywhere = REPLICAS.stream()
			.map((id) -> appliedAt(id, mode, same))
			.max(Instant::compareTo)
			.orElseThrow();
		try {
			assertThat(replicas
				.request("r1", "POST", "/api/cluster/partition", "{\"groups\": [[\"r1\"], [\"r2\", \"r3\"]]}")
				.status()).isEqualTo(200);
			put("r1", mode, key, "left");
			put("r3", mode, key, "right");
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				assertThat(cardValue("r1", key)).isEqualTo("left");
				assertThat(cardValue("r2", key)).isEqualTo("right");
				assertThat(cardValue("r3", key)).isEqualTo("right");
				assertThat(text("#digest-verdict")).contains("differ");
			});
			assertThat(browser.driver.findElement(By.id("travel-banner")).isDisplayed()).isFalse();

			WebElement slider = browser.driver.findElement(By.id("travel"));
			Instant shown = null;
			for (int step = 0; step < 50 && (shown == null || shown.isAfter(sameEverywhere)); step++) {
				slider.sendKeys(Keys.ARROW_LEFT);
				shown = momentShown();
			}
			assertThat(shown).as("a moment no later than %s", sameEverywhere)
				.isNotNull()
				.isBeforeOrEqualTo(sameEverywhere);
			// a write while the page shows the past: it stands still until it is live
			// again
			put("r2", mode, key, "later");
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				for (String id : REPLICAS) {
					assertThat(cardValue(id, key)).as(id).isEqualTo("same");
					assertThat(text("[data-replica='" + id + "'] .as-of")).startsWith("as of position ");
				}
				assertThat(text("#digest-verdict")).contains("states equal at the moment shown");
				assertThat(browser.driver.findElements(By.cssSelector("#diagram line.cursor"))).hasSize(3);
			});
			assertThat(text("#travel-banner")).contains("Viewing the past at", "Back to live");
			assertThat(text("#live")).contains("past");
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(
						() -> assertThat(replicas.request("r3", "GET", "/api/" + mode + "/kv/" + key, null).body())
							.contains("later"));
			// several of the page's polling intervals (700 ms) pass, and the cards still
			// stand at the moment
			await().during(Duration.ofMillis(2500))
				.atMost(Duration.ofSeconds(10))
				.until(() -> "same".equals(cardValue("r2", key)) && "same".equals(cardValue("r3", key)));

			slider.sendKeys(Keys.END);
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				assertThat(cardValue("r1", key)).isEqualTo("left");
				assertThat(cardValue("r2", key)).isEqualTo("later");
				assertThat(cardValue("r3", key)).isEqualTo("later");
				assertThat(text("#digest-verdict")).contains("states differ").doesNotContain("moment shown");
				assertThat(text("#live")).contains("live");
			});
			assertThat(browser.driver.findElement(By.id("travel-banner")).isDisplayed()).isFalse();
			assertThat(browser.driver.findElements(By.cssSelector("#replicas .replica.past"))).isEmpty();

			// the slider's start is before anything was applied; the banner's button is
			// another way back
			slider.sendKeys(Keys.HOME);
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				assertThat(text("#travel-banner")).contains("before the first apply");
				for (String id : REPLICAS) {
					assertThat(text("[data-replica='" + id + "'] .state-table tbody")).isEqualTo("empty");
				}
			});
			browser.driver.findElement(By.id("travel-live")).click();
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(cardValue("r2", key)).isEqualTo("later"));
			assertThat(browser.severeConsoleMessages()).isEmpty();
		}
		finally {
			replicas.request("r1", "DELETE", "/api/cluster/partition", null);
		}
	}

	/** PUT through the replica's API (not the page); answers the op id. */
	private static String put(String replica, String mode, String key, String value) {
		Http.Response answer = replicas.request(replica, "PUT", "/api/" + mode + "/kv/" + key,
				"{\"value\": \"" + value + "\"}");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json().path("opId").asString();
	}

	/** When the replica applied the op (from its applied log), null when it has not. */
	private static Instant appliedAt(String replica, String mode, String opId) {
		Http.Response status = replicas.request(replica, "GET", "/api/replica/ops/" + opId, null);
		long position = (status.status() == 200) ? status.json().path("appliedPosition").asLong(0) : 0;
		if (position == 0) {
			return null;
		}
		JsonNode rows = replicas.get(replica,
				"/api/replica/applied?mode=" + mode + "&after=" + (position - 1) + "&limit=1");
		return Instant.parse(rows.get(0).path("appliedAt").asString());
	}

	/**
	 * The instant the time-travel banner says the page shows, null when it shows none.
	 */
	private static Instant momentShown() {
		Matcher at = Pattern.compile("Viewing the past at (\\S+)").matcher(text("#travel-banner"));
		return at.find() ? Instant.parse(at.group(1)) : null;
	}

	/** The value(s) a replica card's state table shows for the key. */
	private static String cardValue(String replica, String key) {
		for (WebElement row : browser.driver
			.findElements(By.cssSelector("[data-replica='" + replica + "'] .state-table tbody tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			if (cells.size() == 2 && cells.get(0).getText().equals(key)) {
				return cells.get(1).getText();
			}
		}
		return null;
	}

	private static void open(String mode) {
		browser.driver.get(replicas.url("r1") + "/#" + mode);
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> "true".equals(browser.driver.findElement(By.tagName("body")).getAttribute("data-ready")));
	}

	/** The op id in the response of the newest call of the calls log, a PUT. */
	private static String writtenOpId() {
		WebElement call = browser.driver.findElement(By.cssSelector("#calls li"));
		assertThat(call.findElement(By.cssSelector(".method")).getText()).isEqualTo("PUT");
		// the response sits in a closed <details>: its text content, not its (invisible)
		// text
		String response = call.findElement(By.cssSelector("details pre")).getAttribute("textContent");
		return Http.parse(response).path("opId").asString();
	}

	/**
	 * How many rows of a replica's log ("wal" or "applied") its card holds, as its
	 * heading says.
	 */
	private static long rowsHeld(String replica, String log) {
		Matcher rows = Pattern.compile("(\\d+) (of \\d+ )?rows?")
			.matcher(text("[data-replica='" + replica + "'] ." + log + "-rows"));
		assertThat(rows.find()).as("the heading counts the rows").isTrue();
		return Long.parseLong(rows.group(1));
	}

	/**
	 * Clicks a mark of the diagram, again if the poll redrew the diagram between finding
	 * and clicking it.
	 */
	private static void clickMark(String css) {
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			browser.driver.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	/**
	 * The README's picture: the top of the page, with the diagram, the replicas and the
	 * verdicts.
	 */
	private static void screenshot() {
		browser.script("window.scrollTo(0, 0)");
		browser.screenshot(SCREENSHOT);
	}

	/**
	 * Every build serves every mode: one that answers otherwise (a 5xx, say) fails the
	 * scenario, never skips it.
	 */
	private static void requireModeServed(String mode) {
		assertThat(replicas.statusOf("r1", "/api/" + mode + "/kv")).as("GET /api/" + mode + "/kv on r1").isEqualTo(200);
	}

	private static void write(String mode, String replica, String key, String value) {
		new Select(browser.driver.findElement(By.id("write-mode"))).selectByValue(mode);
		new Select(browser.driver.findElement(By.id("write-replica"))).selectByValue(replica);
		WebElement keyField = browser.driver.findElement(By.id("write-key"));
		keyField.clear();
		keyField.sendKeys(key);
		WebElement valueField = browser.driver.findElement(By.id("write-value"));
		valueField.clear();
		valueField.sendKeys(value);
		int before = browser.driver.findElements(By.cssSelector("#calls li")).size();
		browser.driver.findElement(By.id("write-submit")).click();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> browser.driver.findElements(By.cssSelector("#calls li")).size() > before);
	}

	private static void group(String replica, String group) {
		new Select(
				browser.driver.findElement(By.cssSelector("#partition-rows tr[data-replica='" + replica + "'] .group")))
			.selectByValue(group);
	}

	/**
	 * The numbers of the rows a list shows, read in one script: the list renders its rows
	 * again as it scrolls and polls, so rows read one by one may be replaced (stale)
	 * between two reads.
	 */
	private static List<Long> visibleNumbers(String list) {
		List<?> texts = (List<?>) browser.script(
				"return Array.from(document.querySelectorAll(arguments[0]), (cell) => cell.textContent)",
				list + " .vrow .n");
		return texts.stream().map((text) -> Long.parseLong(String.valueOf(text).trim())).toList();
	}

	private static String text(String css) {
		return browser.driver.findElement(By.cssSelector(css)).getText();
	}

}
