package io.replicationlab.vclock;

import java.util.regex.Pattern;

/**
 * Shared validation and parsing of the text pieces of this module: replica ids and
 * counters.
 *
 * <p>
 * Package-private: callers see it only through {@link Dot} and {@link VersionVector}.
 */
final class Syntax {

	/**
	 * A replica id, 1 to 64 characters out of {@code [A-Za-z0-9._-]}, optionally followed
	 * by {@code ~} and the incarnation of its data directory ({@code r1~3f9a0c2e}, 1 to
	 * 15 of {@code [a-z0-9]}): a replica that lost its data issues dots under a new
	 * incarnation, so the old and the new dots never share a name.
	 */
	static final Pattern REPLICA_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}(~[a-z0-9]{1,15})?");

	private Syntax() {
	}

	/**
	 * Returns {@code replica} when it is a valid replica id.
	 * @throws IllegalArgumentException naming the bad id, when it is null or does not
	 * match {@link #REPLICA_ID}
	 */
	static String requireReplica(String replica) {
		if (replica == null) {
			throw new IllegalArgumentException("replica id must not be null");
		}
		if (!REPLICA_ID.matcher(replica).matches()) {
			throw new IllegalArgumentException(
					"bad replica id '" + replica + "': expected 1-64 characters of [A-Za-z0-9._-], "
							+ "optionally followed by ~ and an incarnation of [a-z0-9]");
		}
		return replica;
	}

	/**
	 * Parses the counter half of a {@code replica:counter} token: ASCII digits only, at
	 * most {@link Long#MAX_VALUE}. Zero is accepted here; callers apply their own lower
	 * bound.
	 * @param digits the text after the colon
	 * @param token the whole token, for the error message
	 * @throws IllegalArgumentException for a negative, non-numeric or out-of-range
	 * counter
	 */
	static long parseCounter(String digits, String token) {
		if (digits.startsWith("-") && digits.length() > 1 && allDigits(digits.substring(1))) {
			throw new IllegalArgumentException("negative counter in '" + token + "'");
		}
		if (digits.isEmpty() || !allDigits(digits)) {
			throw new IllegalArgumentException("non-numeric counter in '" + token + "'");
		}
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("counter out of range in '" + token + "'");
		}
	}

	private static boolean allDigits(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

}
