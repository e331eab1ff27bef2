package io.replicationlab.check;

import java.util.Map;
import java.util.TreeMap;

/**
 * The checker's own reading of a version vector ({@code r1:3,r2:1}) and a dot
 * ({@code r1:3}): independent of the code it checks.
 */
final class Vector {

	private Vector() {
	}

	static Map<String, Long> parse(String text) {
		Map<String, Long> vector = new TreeMap<>();
		if (text == null || text.isBlank()) {
			return vector;
		}
		for (String entry : text.split(",")) {
			int colon = entry.lastIndexOf(':');
			vector.merge(entry.substring(0, colon).trim(), Long.parseLong(entry.substring(colon + 1).trim()),
					Math::max);
		}
		return vector;
	}

	static boolean covers(String context, String dot) {
		if (context == null || dot == null) {
			return false;
		}
		int colon = dot.lastIndexOf(':');
		Long seen = parse(context).get(dot.substring(0, colon));
		return seen != null && seen >= Long.parseLong(dot.substring(colon + 1));
	}

}
