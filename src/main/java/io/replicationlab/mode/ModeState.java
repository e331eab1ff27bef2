package io.replicationlab.mode;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A replica's whole state in one mode.
 *
 * @param entries each key with its live value(s), ordered by key
 * @param digest a fingerprint: equal states have equal digests
 * @param extra what else the mode shows beside the state (version vector, consumed
 * position)
 */
public record ModeState(SortedMap<String, List<String>> entries, String digest, Map<String, Object> extra) {
}
