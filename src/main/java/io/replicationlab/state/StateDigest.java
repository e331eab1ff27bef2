package io.replicationlab.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;

/**
 * A short fingerprint of a state: equal states have equal digests, whatever order their
 * ops were applied in. It is the first 16 hex digits of SHA-256 over the keys in order,
 * each with its values in order, length-prefixed so that no two different states share an
 * encoding.
 */
public final class StateDigest {

	private StateDigest() {
	}

	public static String of(SortedMap<String, List<String>> valuesByKey) {
		MessageDigest sha256 = sha256();
		valuesByKey.forEach((key, values) -> {
			update(sha256, key);
			update(sha256, Integer.toString(values.size()));
			values.forEach((value) -> update(sha256, value));
		});
		return HexFormat.of().formatHex(sha256.digest(), 0, 8);
	}

	private static void update(MessageDigest sha256, String text) {
		byte[] bytes = (text != null) ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
		sha256.update((byte) ((text != null) ? 1 : 0));
		sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
		sha256.update((byte) ':');
		sha256.update(bytes);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
