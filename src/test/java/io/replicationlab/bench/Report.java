package io.replicationlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's figures, in the order they were measured: printed as a table, written
 * as JSON and CSV.
 */
final class Report {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One figure: where it belongs, what it is, its value and unit, and how it was
	 * measured.
	 */
	record Row(String section, String metric, double value, String unit, String note) {
	}

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, Object> context = new LinkedHashMap<>();

	void add(String section, String metric, double value, String unit, String note) {
		Row row = new Row(section, metric, value, unit, note);
		this.rows.add(row);
		System.out.println("[bench] " + format(row));
	}

	void context(String name, Object value) {
		this.context.put(name, value);
	}

	double value(String section, String metric) {
		return this.rows.stream()
			.filter((row) -> row.section().equals(section) && row.metric().equals(metric))
			.mapToDouble(Row::value)
			.findFirst()
			.orElse(Double.NaN);
	}

	String table() {
		StringBuilder table = new StringBuilder();
		table.append("| section | metric | value | unit | how |\n|---|---|---:|---|---|\n");
		for (Row row : this.rows) {
			table.append("| ")
				.append(row.section())
				.append(" | ")
				.append(row.metric())
				.append(" | ")
				.append(number(row.value()))
				.append(" | ")
				.append(row.unit())
				.append(" | ")
				.append(row.note())
				.append(" |\n");
		}
		return table.toString();
	}

	void write(Path dir) throws IOException {
		Files.createDirectories(dir);
		Map<String, Object> document = new LinkedHashMap<>(this.context);
		document.put("results", this.rows);
		Files.writeString(dir.resolve("results.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
		StringBuilder csv = new StringBuilder("section,metric,value,unit,note\n");
		for (Row row : this.rows) {
			csv.append(quote(row.section()))
				.append(',')
				.append(quote(row.metric()))
				.append(',')
				.append(number(row.value()))
				.append(',')
				.append(quote(row.unit()))
				.append(',')
				.append(quote(row.note()))
				.append('\n');
		}
		Files.writeString(dir.resolve("results.csv"), csv.toString());
		Files.writeString(dir.resolve("results.md"), table());
	}

	private static String format(Row row) {
		return String.format(Locale.ROOT, "%-12s %-48s %12s %-8s %s", row.section(), row.metric(), number(row.value()),
				row.unit(), row.note());
	}

	static String number(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		if (Math.abs(value) >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
