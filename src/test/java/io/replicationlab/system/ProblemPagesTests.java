package io.replicationlab.system;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.replicationlab.testing.Http;
import io.replicationlab.testing.Http.Response;
import io.replicationlab.testing.OneReplicaTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A problem's type URI, followed from the error a client got, leads to a page of the
 * replica that explains it.
 */
class ProblemPagesTests extends OneReplicaTests {

	/**
	 * The type argument of every ClientProblem and every literal /problems/ type in the
	 * main sources.
	 */
	private static final Pattern TYPE = Pattern.compile(
			"(?:badRequest|notFound|ClientProblem\\(HttpStatus\\.[A-Z_]+,|LabRefusal\\(\\d+,)\\s*\"([a-z-]+)\"|/problems/([a-z-]+)");

	@Test
	void theTypeOfARefusedWriteResolvesToAPageExplainingIt() {
		Http http = http();
		Response refused = http.put("local", "bad*key", "v", null);
		assertThat(refused.status()).isEqualTo(400);
		String type = refused.json().path("type").asString();
		assertThat(type).isEqualTo("/problems/bad-key");

		URI page = URI.create("http://replica.example/api/local/kv/bad*key").resolve(type);
		Response explained = http.get(page.getPath());

		assertThat(explained.status()).isEqualTo(200);
		assertThat(explained.contentType()).startsWith("text/html");
		assertThat(explained.body()).contains("Bad key").contains("Nothing was written");
	}

	@Test
	void theIndexListsEveryTypeAndAnUnknownTypeIsAProblem() {
		Response index = http().get("/problems/");
		assertThat(index.status()).isEqualTo(200);
		ProblemTypes.all().forEach((entry) -> assertThat(index.body()).contains("id=\"" + entry.type() + "\""));

		Response unknown = http().get("/problems/no-such-problem");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.contentType()).startsWith("application/problem+json");
	}

	@Test
	void everyTypeTheSourcesUseHasAPage() throws IOException {
		Set<String> used = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter((p) -> p.toString().endsWith(".java")).toList()) {
				Matcher matcher = TYPE.matcher(Files.readString(source));
				while (matcher.find()) {
					used.add((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
				}
			}
		}
		assertThat(used).contains("bad-key", "writer-unavailable", "cluster-token", "lab-process-state");
		used.forEach((type) -> assertThat(ProblemTypes.find(type)).as(type).isPresent());
	}

}
