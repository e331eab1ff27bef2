package io.replicationlab.story;

import java.util.List;
import java.util.Map;

/**
 * A run's report as one self-contained HTML page (inline style, no script, no external
 * resource).
 */
final class ReportPage {

	private ReportPage() {
	}

	@SuppressWarnings("unchecked")
	static String of(Map<String, Object> report) {
		Map<String, Map<String, Object>> modes = (Map<String, Map<String, Object>>) report.get("modes");
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(esc(report.get("title")))
			.append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
					+ "td,th{border:1px solid #bbb;padding:.4em .6em;vertical-align:top;text-align:left}th{background:#eee}"
					+ ".concl{font-weight:600}pre{margin:0;font-size:12px;white-space:pre-wrap}.bad{color:#b00}</style></head><body>")
			.append("<h1>")
			.append(esc(report.get("title")))
			.append("</h1><p>")
			.append(esc(report.get("description")))
			.append("</p><p>Story <code>")
			.append(esc(report.get("story")))
			.append("</code>, keys under <code>")
			.append(esc(report.get("keyPrefix")))
			.append("</code>, ")
			.append(report.get("millis"))
			.append(" ms.");
		if (!Boolean.TRUE.equals(report.get("complete"))) {
			html.append(" <span class=\"bad\">Not every step could be done: see the steps below.</span>");
		}
		html.append("</p><table id=\"story-report\"><tr><th></th>");
		modes.keySet().forEach((mode) -> html.append("<th>").append(esc(mode)).append("</th>"));
		html.append("</tr>");
		row(html, "Conclusion", modes, (c) -> "<span class=\"concl\">" + esc(c.get("conclusion")) + "</span>");
		row(html, "Final states equal", modes, (c) -> {
			Map<String, Object> f = (Map<String, Object>) c.get("finalStates");
			return (Boolean.TRUE.equals(f.get("equal")) ? "yes" : "<span class=\"bad\">no</span>") + " ("
					+ ((List<?>) f.get("differingKeys")).size() + " of " + f.get("keys") + " keys differ, "
					+ f.get("keysWithSiblings") + " with siblings)";
		});
		row(html, "Final states", modes,
				(c) -> "<pre>"
						+ esc(LabCalls.JSON.writerWithDefaultPrettyPrinter()
							.writeValueAsString(((Map<String, Object>) c.get("finalStates")).get("replicas")))
						+ "</pre>");
		row(html, "Order agreement", modes, (c) -> {
			Map<String, Object> o = (Map<String, Object>) c.get("orderAgreement");
			StringBuilder cell = new StringBuilder();
			for (Map<String, Object> pair : (List<Map<String, Object>>) o.get("pairs")) {
				cell.append(esc(pair.get("replicas")))
					.append(": ")
					.append(pair.get("crossings"))
					.append(" crossings in ")
					.append(pair.get("commonOps"))
					.append(" shared ops<br>");
			}
			return cell.append("duplicates skipped: ").append(o.get("duplicatesSkipped")).toString();
		});
		row(html, "Diverged", modes, (c) -> {
			Map<String, Object> d = (Map<String, Object>) c.get("divergence");
			return (d == null) ? "" : d.get("divergedMillis") + " ms (longest " + d.get("longestDivergedMillis")
					+ " ms; " + d.get("divergedSamples") + " of " + d.get("samples") + " samples)";
		});
		row(html, "Writes 200 / 202 / refused", modes, (c) -> {
			Map<String, Object> w = (Map<String, Object>) c.get("writes");
			StringBuilder cell = new StringBuilder();
			((Map<String, Map<String, Long>>) w.get("byFault")).forEach((fault, n) -> cell.append(esc(fault))
				.append(": ")
				.append(n.get("ok200"))
				.append(" / ")
				.append(n.get("accepted202"))
				.append(" / ")
				.append(n.get("refused"))
				.append("<br>"));
			return cell.toString();
		});
		row(html, "Latency (ms)", modes, (c) -> {
			Map<String, Object> l = (Map<String, Object>) c.get("latency");
			return "p50 " + l.get("p50Millis") + ", p95 " + l.get("p95Millis") + ", max " + l.get("maxMillis");
		});
		row(html, "Cluster view / verifier", modes, (c) -> {
			Map<String, Object> v = (Map<String, Object>) c.get("cluster");
			return "diverged: " + v.get("diverged") + "<br>verifier holds: " + v.get("verifyHolds") + "<br>"
					+ esc(v.get("properties"));
		});
		html.append("</table><h2>Steps</h2><ol start=\"0\">");
		for (Map<String, Object> step : (List<Map<String, Object>>) report.get("steps")) {
			html.append("<li><b>")
				.append(esc(step.get("name")))
				.append("</b> (")
				.append(esc(step.get("action")))
				.append(", ")
				.append(esc(step.get("status")))
				.append("): ")
				.append(esc(step.get("narration")))
				.append("<br><small>")
				.append(esc(step.get("detail")))
				.append("</small></li>");
		}
		return html.append("</ol></body></html>").toString();
	}

	private static void row(StringBuilder html, String title, Map<String, Map<String, Object>> modes,
			java.util.function.Function<Map<String, Object>, String> cell) {
		html.append("<tr><th>").append(esc(title)).append("</th>");
		modes.values().forEach((column) -> html.append("<td>").append(cell.apply(column)).append("</td>"));
		html.append("</tr>");
	}

	static String esc(Object value) {
		String text = String.valueOf((value != null) ? value : "");
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
