package io.replicationlab.mode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.replicationlab.system.ClientProblem;

/**
 * The rules client input must follow, checked before anything is written. Each refusal is
 * a 400 problem whose detail says what was wrong and what is allowed.
 */
final class InputRules {

	static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,256}");

	static final int MAX_VALUE_BYTES = 64 * 1024;

	static final int MAX_PAGE = 1000;

	private InputRules() {
	}

	static String key(String key) {
		if (key == null || key.isEmpty()) {
			throw ClientProblem.badRequest("bad-key", "Bad key",
					"The key is empty: keys are 1-256 characters of letters, digits, '.', '_', ':' and '-'");
		}
		if (key.equals(".") || key.equals("..")) {
			throw ClientProblem.badRequest("bad-key", "Bad key", "Key '" + key
					+ "' is not allowed: URLs treat '.' and '..' as steps in the path, so it could not be read back");
		}
		if (!KEY.matcher(key).matches()) {
			throw ClientProblem.badRequest("bad-key", "Bad key", "Key '" + printable(key)
					+ "' is not allowed: keys are 1-256 characters of letters, digits, '.', '_', ':' and '-'");
		}
		return key;
	}

	static String value(String value) {
		if (value == null) {
			throw ClientProblem.badRequest("missing-value", "Missing value",
					"A PUT needs a body like {\"value\": \"blue\"}; to delete a key, send DELETE");
		}
		if (!wellFormed(value)) {
			throw ClientProblem.badRequest("bad-value", "Bad value",
					"The value is not valid UTF-8 text (it contains an unpaired surrogate)");
		}
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_VALUE_BYTES) {
			throw ClientProblem.badRequest("value-too-large", "Value too large",
					"The value is " + bytes + " bytes of UTF-8; at most " + MAX_VALUE_BYTES + " are allowed");
		}
		return value;
	}

	/** A client's op id; a write without one gets {@link OpIds#next()} instead. */
	static UUID opId(String opId) {
		try {
			UUID parsed = UUID.fromString(String.valueOf(opId));
			if (parsed.toString().equalsIgnoreCase(opId)) {
				return parsed;
			}
		}
		catch (IllegalArgumentException ex) {
			// refused below, with the rule
		}
		throw ClientProblem.badRequest("bad-op-id", "Bad opId",
				"opId '" + printable(opId) + "' is not a UUID like 3f0c5a52-8d6e-4c2b-9a4e-1f2d3c4b5a69");
	}

	static AwaitLevel await(String await) {
		if (await == null) {
			return AwaitLevel.APPLIED;
		}
		return AwaitLevel.fromLabel(await)
			.orElseThrow(() -> ClientProblem.badRequest("bad-await", "Bad await level",
					"await '" + printable(await) + "' is not one of durable, ordered, applied"));
	}

	static long after(long after) {
		if (after < 0) {
			throw ClientProblem.badRequest("bad-paging", "Bad paging", "after must be 0 or more, not " + after);
		}
		return after;
	}

	static int limit(int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw ClientProblem.badRequest("bad-paging", "Bad paging",
					"limit must be between 1 and " + MAX_PAGE + ", not " + limit);
		}
		return limit;
	}

	static Optional<String> context(String context) {
		if (context != null && context.length() > 4096) {
			throw ClientProblem.badRequest("bad-context", "Bad context", "The context is longer than 4096 characters");
		}
		return Optional.ofNullable(context);
	}

	/**
	 * The input as it can be shown back in a problem: control characters escaped, long
	 * input cut.
	 */
	static String printable(String input) {
		if (input == null) {
			return "";
		}
		StringBuilder printable = new StringBuilder();
		input.codePoints().limit(80).forEach((codePoint) -> {
			if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE) {
				printable.append(String.format("\\u%04x", codePoint));
			}
			else {
				printable.appendCodePoint(codePoint);
			}
		});
		return (input.length() > 80) ? printable + "..." : printable.toString();
	}

	private static boolean wellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
