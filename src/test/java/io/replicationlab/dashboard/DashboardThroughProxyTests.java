package io.replicationlab.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.ThreeReplicas;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard as under docker-compose and Kubernetes: the replicas know each other at
 * addresses the browser cannot reach. They are configured at {@code 127.0.0.2} (a
 * loopback address every replica reaches), and Chromium sends everything but
 * {@code localhost} to a proxy that refuses connections ({@code <-loopback>} removes
 * Chromium's implicit bypass of loopback addresses), so the only replica the browser
 * reaches is r1, at {@code localhost}, which serves the page.
 */
class DashboardThroughProxyTests {

	static final String PEER_HOST = "127.0.0.2";

	static final List<String> REPLICAS = List.of("r1", "r2", "r3");

	@TempDir
	static Path temp;

	@AutoClose
	static ThreeReplicas replicas;

	@AutoClose
	static DashboardBrowser browser;

	@BeforeAll
	static void start() {
		DashboardBrowser.requireInstalled();
		replicas = ThreeReplicas.withPeersAt(PEER_HOST, temp.resolve("data"));
		browser = new DashboardBrowser(temp.resolve("chromium-profile"),
				"--proxy-server=http://127.0.0.1:" + closedPort(), "--proxy-bypass-list=<-loopback>;localhost");
	}

	@Test
	void everyReplicaShowsThoughTheBrowserReachesOnlyTheOneServingThePage() {
		replicas.writeMany("r2", "local", 3);
		replicas.writeMany("r3", "local", 4);
		browser.driver.get(replicas.url("r1") + "/#local");
		// the setup is honest: from this page the peers' own addresses do not answer, the
		// serving replica does
		assertThat(fetchFromPage(peerUrl("r2") + "/api/replica")).isEqualTo("no answer");
		assertThat(fetchFromPage(replicas.url("r1") + "/api/replica")).isEqualTo("200");
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			List<WebElement> cards = browser.driver.findElements(By.cssSelector("#replicas .replica"));
			assertThat(cards).extracting((card) -> card.getAttribute("data-replica"))
				.containsExactlyElementsOf(REPLICAS);
			assertThat(cards).allSatisfy(
					(card) -> assertThat(card.findElement(By.cssSelector(".status")).getText()).isEqualTo("up"));
			assertThat(browser.driver.findElements(By.cssSelector("[data-replica='r2'] .wal-list .vrow"))).hasSize(3);
			assertThat(browser.driver.findElements(By.cssSelector("[data-replica='r3'] .applied-list .vrow")))
				.hasSize(4);
			assertThat(text("[data-replica='r3'] .digest")).isNotEqualTo("–");
		});
		assertThat(text("[data-replica='r2'] .where")).contains(PEER_HOST, "read via r1");
		assertThat(text("[data-replica='r1'] .where")).doesNotContain("via");

		// writes stay on the page's own origin: the serving replica is writable, the
		// others (read only) are not offered
		Select target = new Select(browser.driver.findElement(By.id("write-replica")));
		assertThat(target.getOptions()).filteredOn(WebElement::isEnabled)
			.extracting((option) -> option.getAttribute("value"))
			.containsExactly("r1");
		browser.driver.findElement(By.id("write-key")).clear();
		browser.driver.findElement(By.id("write-key")).sendKeys("same-origin");
		browser.driver.findElement(By.id("write-value")).clear();
		browser.driver.findElement(By.id("write-value")).sendKeys("ok");
		browser.driver.findElement(By.id("write-submit")).click();
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text("#calls li")).contains("PUT",
					replicas.url("r1") + "/api/local/kv/same-origin", "200"));

		// the only console errors are the one direct try per peer, not one per poll
		List<String> errors = browser.severeConsoleMessages();
		assertThat(errors).allSatisfy((message) -> assertThat(message).contains(PEER_HOST));
		assertThat(errors).hasSizeLessThanOrEqualTo(4);
	}

	@Test
	void theProxyRelaysOnlyTheClientReadsOfTheClustersReplicas() {
		Http.Response r2 = viaR1("/api/cluster/replicas/r2/api/replica");
		assertThat(r2.status()).isEqualTo(200);
		assertThat(r2.body()).contains("\"id\":\"r2\"");
		assertThat(r2.headers().map().keySet()).noneMatch((name) -> name.equalsIgnoreCase("X-Cluster-Token"));
		assertThat(viaR1("/api/cluster/replicas/r3/api/replica/wal?mode=local&after=0&limit=1").status())
			.isEqualTo(200);
		// the peer's own refusal comes back as it is
		Http.Response badPaging = viaR1("/api/cluster/replicas/r3/api/replica/applied?mode=local&limit=0");
		assertThat(badPaging.status()).isEqualTo(400);
		assertThat(badPaging.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("problem+json"));
		Http.Response stranger = viaR1("/api/cluster/replicas/r9/api/replica");
		assertThat(stranger.status()).isEqualTo(404);
		assertThat(stranger.body()).contains("unknown-member");
		assertThat(viaR1("/api/cluster/replicas/r2/internal/reconcile/deltas?since=").status()).isEqualTo(404);
		assertThat(viaR1("/api/cluster/replicas/r2/api/replica/..%2F..%2Finternal").status()).isBetween(400, 404);
	}

	private static Http.Response viaR1(String path) {
		return replicas.request("r1", "GET", path, null);
	}

	private static String fetchFromPage(String url) {
		return String.valueOf(browser.driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0]).then((response) => done(String(response.status)), () => done('no answer'));""",
				url));
	}

	private static String peerUrl(String id) {
		return "http://" + PEER_HOST + ":" + replicas.port(id);
	}

	private static String text(String css) {
		return browser.driver.findElement(By.cssSelector(css)).getText();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
	}

}
