package io.replicationlab.system;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page behind each problem {@code type} URI ({@code /problems/bad-key}) and an index
 * of them all ({@code /problems/}): what the problem means and what to do. Plain HTML, no
 * script: readable from a browser that follows the type of an error it got.
 */
@RestController
@Hidden
class ProblemPages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

	@GetMapping({ "/problems", ProblemTypes.BASE })
	ResponseEntity<String> index() {
		StringBuilder rows = new StringBuilder();
		for (ProblemTypes.Entry entry : ProblemTypes.all()) {
			rows.append("<tr id=\"")
				.append(entry.type())
				.append("\"><td><a href=\"")
				.append(ProblemTypes.BASE)
				.append(entry.type())
				.append("\"><code>")
				.append(entry.type())
				.append("</code></a></td><td>")
				.append(entry.status())
				.append("</td><td>")
				.append(HtmlUtils.htmlEscape(entry.title()))
				.append("</td><td>")
				.append(HtmlUtils.htmlEscape(entry.explanation()))
				.append("</td></tr>\n");
		}
		return page("Problems", """
				<p>Every error of the API is an <code>application/problem+json</code> document (RFC 9457) whose
				<code>type</code> is one of these.</p>
				<table><tr><th>type</th><th>status</th><th>title</th><th>what to do</th></tr>
				%s</table>""".formatted(rows));
	}

	// No "produces": an unknown type must still answer as a problem+json document.
	@GetMapping(ProblemTypes.BASE + "{type}")
	ResponseEntity<String> problem(@PathVariable String type) {
		ProblemTypes.Entry entry = ProblemTypes.find(type)
			.orElseThrow(() -> new ClientProblem(HttpStatus.NOT_FOUND, "unknown-problem-type", "Unknown problem type",
					"No problem type '" + type + "'; " + ProblemTypes.BASE + " lists them"));
		return page(entry.title(), """
				<p><code>type: %s%s</code>, HTTP %d.</p>
				<p>%s</p>
				<p><a href="%s">All problem types</a></p>""".formatted(ProblemTypes.BASE, entry.type(), entry.status(),
				HtmlUtils.htmlEscape(entry.explanation()), ProblemTypes.BASE));
	}

	private static ResponseEntity<String> page(String title, String body) {
		return ResponseEntity.ok().contentType(HTML).body("""
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>%1$s - replication-lab</title></head>
				<body><h1>%1$s</h1>
				%2$s
				</body></html>
				""".formatted(HtmlUtils.htmlEscape(title), body));
	}

}
