package io.replicationlab.check;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code timeline.html}: one self-contained page (inline SVG, no network): a lane per
 * client process with each operation as a bar from invocation to completion, coloured by
 * outcome; faults as shaded bands; the operations an anomaly names outlined in red, with
 * the anomaly in the bar's tooltip.
 */
final class Timeline {

	private static final int LANE = 18;

	private static final int LEFT = 150;

	private static final int WIDTH = 1400;

	private Timeline() {
	}

	static String html(List<Event> history, List<Anomalies> anomalies, List<Nemesis.Applied> faults,
			Map<String, Object> results) {
		Map<Integer, String> flagged = new HashMap<>();
		for (Anomalies found : anomalies) {
			found.found()
				.forEach((name, f) -> f.examples()
					.forEach((example) -> example.lines()
						.forEach((line) -> flagged.merge(line, found.mode() + " " + name + ": " + example.text(),
								(a, b) -> a))));
		}
		long end = history.isEmpty() ? 1 : history.get(history.size() - 1).nanos();
		for (Nemesis.Applied fault : faults) {
			end = Math.max(end, (long) (fault.ended() * 1e9));
		}
		double scale = (WIDTH - LEFT - 20) / (double) Math.max(end, 1);
		int processes = history.stream().mapToInt(Event::process).max().orElse(-1) + 1;
		int top = 30;
		int height = top + processes * LANE + 30;
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='")
			.append(WIDTH)
			.append("' height='")
			.append(height)
			.append("' font-family='monospace' font-size='11'>");
		for (Nemesis.Applied fault : faults) {
			double x = LEFT + fault.began() * 1e9 * scale;
			double w = Math.max(2, (fault.ended() - fault.began()) * 1e9 * scale);
			svg.append(String.format(
					"<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s' opacity='0.25'><title>%s</title></rect>",
					x, top - 12, w, processes * LANE + 12, (fault.problem() == null) ? "#f4a300" : "#999",
					esc(fault.kind() + " " + fault.target() + " " + fault.detail() + " " + fault.began() + "-"
							+ fault.ended() + " s"
							+ ((fault.problem() != null) ? " (not applied: " + fault.problem() + ")" : ""))));
			svg.append(String.format("<text x='%.1f' y='%d' fill='#a06000'>%s %s</text>", x + 2, top - 2,
					esc(fault.kind()), esc(fault.target())));
		}
		Map<Integer, Event> open = new HashMap<>();
		Set<Integer> seen = new HashSet<>();
		for (Event event : history) {
			if (seen.add(event.process())) {
				svg.append(String.format("<text x='4' y='%d'>p%d %s %s</text>", top + event.process() * LANE + 13,
						event.process(), esc(event.replica()), esc(event.mode())));
			}
			if (event.invoke()) {
				open.put(event.process(), event);
				continue;
			}
			Event invoke = open.remove(event.process());
			if (invoke == null) {
				continue;
			}
			String color = switch (event.type()) {
				case "ok" -> event.write() ? "#2b8a3e" : "#4dabf7";
				case "durable" -> "#94d82d";
				case "fail" -> "#adb5bd";
				default -> "#fab005";
			};
			String anomaly = flagged.getOrDefault(event.index(), flagged.get(invoke.index()));
			double x = LEFT + invoke.nanos() * scale;
			double w = Math.max(1.5, (event.nanos() - invoke.nanos()) * scale);
			svg.append(
					String.format("<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'%s><title>%s</title></rect>",
							x, top + event.process() * LANE + 3, w, LANE - 6, color,
							(anomaly != null) ? " stroke='#e03131' stroke-width='3'" : "",
							esc("#" + invoke.index() + " " + event.f() + " " + event.key() + "="
									+ (event.write() ? event.value() : String.valueOf(event.values())) + " -> "
									+ event.type() + ((event.error() != null) ? " (" + event.error() + ")" : "")
									+ ((anomaly != null) ? "\nANOMALY " + anomaly : ""))));
		}
		for (int s = 0; s * 1e9 <= end; s += 5) {
			svg.append(String.format("<text x='%.1f' y='%d' fill='#666'>%ds</text>", LEFT + s * 1e9 * scale, height - 8,
					s));
		}
		svg.append("</svg>");
		StringBuilder summary = new StringBuilder();
		for (Anomalies found : anomalies) {
			summary.append("<li><b>").append(esc(found.mode())).append("</b>: valid ").append(found.valid());
			found.found().forEach((name, f) -> {
				if (f.count() > 0) {
					summary.append(", <span class='bad'>")
						.append(esc(name))
						.append(" ")
						.append(f.count())
						.append("</span>");
				}
			});
			summary.append("</li>");
		}
		return "<!doctype html><html><head><meta charset='utf-8'><title>check "
				+ esc(String.valueOf(results.get("run")))
				+ "</title><style>body{font-family:sans-serif;margin:12px}.bad{color:#e03131;font-weight:bold}"
				+ ".legend span{display:inline-block;padding:0 6px;margin-right:6px;color:#fff}</style></head><body>"
				+ "<h2>Check " + esc(String.valueOf(results.get("run"))) + ": valid "
				+ esc(String.valueOf(results.get("valid"))) + "</h2><p>seed " + esc(String.valueOf(results.get("seed")))
				+ ", " + history.size() / 2 + " operations, " + faults.size()
				+ " faults. Hover a bar for the operation.</p><ul>" + summary + "</ul>"
				+ "<p class='legend'><span style='background:#2b8a3e'>write ok</span><span style='background:#94d82d;color:#000'>durable (202)</span>"
				+ "<span style='background:#4dabf7'>read ok</span><span style='background:#fab005;color:#000'>info (unknown)</span>"
				+ "<span style='background:#adb5bd'>fail</span><span style='background:#f4a300;opacity:.5;color:#000'>fault</span>"
				+ "<span style='border:3px solid #e03131;color:#e03131'>anomaly</span></p>" + svg + "</body></html>";
	}

	private static String esc(String text) {
		return (text == null) ? ""
				: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
	}

}
