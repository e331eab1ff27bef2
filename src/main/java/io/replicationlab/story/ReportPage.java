package io.replicationlab.story;

import java.util.Map;
import java.util.function.Function;

/**
 * A run's report as one self-contained HTML page (inline style, no script, no external
 * resource).
 */
final class ReportPage {

	private ReportPage() {
	}

	static String of(Report report) {
		Map<String, Report.Column> modes = report.modes();
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(esc(report.title()))
			.append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
					+ "td,th{border:1px solid #bbb;padding:.4em .6em;vertical-align:top;text-align:left}th{background:#eee}"
					+ ".concl{font-weight:600}pre{margin:0;font-size:12px;white-space:pre-wrap}.bad{color:#b00}</style></head><body>")
			.append("<h1>")
			.append(esc(report.title()))
			.append("</h1><p>")
			.append(esc(report.description()))
			.append("</p><p>Story <code>")
			.append(esc(report.story()))
			.append("</code>, keys under <code>")
			.append(esc(report.keyPrefix()))
			.append("</code>, ")
			.append(report.millis())
			.append(" ms.");
		if (!report.complete()) {
			html.append(" <span class=\"bad\">Not every step could be done: see the steps below.</span>");
		}
		html.append("</p><table id=\"story-report\"><tr><th></th>");
		modes.keySet().forEach((mode) -> html.append("<th>").append(esc(mode)).append("</th>"));
		html.append("</tr>");
		row(html, "Conclusion", modes, (c) -> "<span class=\"concl\">" + esc(c.conclusion()) + "</span>");
		row(html, "Final states equal", modes, (c) -> {
			Report.FinalStates f = c.finalStates();
			return (f.equal() ? "yes" : "<span class=\"bad\">no</span>") + " (" + f.differingKeys().size() + " of "
					+ f.keys() + " keys differ, " + f.keysWithSiblings() + " with siblings)";
		});
		row(html, "Final states", modes,
				(c) -> "<pre>" + esc(
						LabCalls.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c.finalStates().replicas()))
						+ "</pre>");
		row(html, "Order agreement", modes, (c) -> {
			StringBuilder cell = new StringBuilder();
			for (Report.OrderAgreement.Pair pair : c.orderAgreement().pairs()) {
				cell.append(esc(pair.replicas()))
					.append(": ")
					.append(pair.crossings())
					.append(" crossings in ")
					.append(pair.commonOps())
					.append(" shared ops<br>");
			}
			return cell.append("duplicates skipped: ").append(c.orderAgreement().duplicatesSkipped()).toString();
		});
		row(html, "Diverged", modes, (c) -> {
			Report.Divergence d = c.divergence();
			return (d == null) ? "" : d.divergedMillis() + " ms (longest " + d.longestDivergedMillis() + " ms; "
					+ d.divergedSamples() + " of " + d.samples() + " samples)";
		});
		row(html, "Writes 200 / 202 / refused", modes, (c) -> {
			StringBuilder cell = new StringBuilder();
			c.writes()
				.byFault()
				.forEach((fault, n) -> cell.append(esc(fault))
					.append(": ")
					.append(n.ok200())
					.append(" / ")
					.append(n.accepted202())
					.append(" / ")
					.append(n.refused())
					.append("<br>"));
			return cell.toString();
		});
		row(html, "Latency (ms)", modes, (c) -> {
			Report.Latency l = c.latency();
			return "p50 " + l.p50Millis() + ", p95 " + l.p95Millis() + ", max " + l.maxMillis();
		});
		row(html, "Cluster view / verifier", modes, (c) -> {
			Report.Cluster v = c.cluster();
			return "diverged: " + v.diverged() + "<br>verifier holds: " + v.verifyHolds() + "<br>"
					+ esc(v.properties());
		});
		html.append("</table><h2>Steps</h2><ol start=\"0\">");
		for (StepView step : report.steps()) {
			html.append("<li><b>")
				.append(esc(step.name()))
				.append("</b> (")
				.append(esc(step.action()))
				.append(", ")
				.append(esc(step.status()))
				.append("): ")
				.append(esc(step.narration()))
				.append("<br><small>")
				.append(esc(step.detail()))
				.append("</small></li>");
		}
		return html.append("</ol></body></html>").toString();
	}

	private static void row(StringBuilder html, String title, Map<String, Report.Column> modes,
			Function<Report.Column, String> cell) {
		html.append("<tr><th>").append(esc(title)).append("</th>");
		modes.values().forEach((column) -> html.append("<td>").append(cell.apply(column)).append("</td>"));
		html.append("</tr>");
	}

	static String esc(Object value) {
		String text = String.valueOf((value != null) ? value : "");
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
