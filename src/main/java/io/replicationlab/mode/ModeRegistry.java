package io.replicationlab.mode;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.replicationlab.replica.Mode;
import io.replicationlab.system.ClientProblem;

import org.springframework.stereotype.Component;

/**
 * The modes this replica serves, found among the beans implementing
 * {@link ReplicationMode}.
 */
@Component
public class ModeRegistry {

	private final Map<Mode, ReplicationMode> modes = new EnumMap<>(Mode.class);

	ModeRegistry(List<ReplicationMode> modes) {
		modes.forEach((mode) -> {
			ReplicationMode previous = this.modes.put(mode.mode(), mode);
			if (previous != null) {
				throw new IllegalStateException("two implementations of mode " + mode.mode() + ": "
						+ previous.getClass().getName() + " -> " + mode.getClass().getName());
			}
		});
	}

	/**
	 * The mode named by a URL path segment, or a 404 problem that lists the modes there
	 * are.
	 */
	public ReplicationMode require(String pathSegment) {
		return Mode.fromPathSegment(pathSegment)
			.map(this.modes::get)
			.orElseThrow(() -> ClientProblem.notFound("unknown-mode", "Unknown mode",
					"There is no mode '" + InputRules.printable(pathSegment) + "'; modes are " + names()));
	}

	public ReplicationMode get(Mode mode) {
		ReplicationMode replicationMode = this.modes.get(mode);
		if (replicationMode == null) {
			throw new IllegalStateException("mode " + mode + " is not installed");
		}
		return replicationMode;
	}

	public Collection<ReplicationMode> all() {
		return this.modes.values();
	}

	private String names() {
		return this.modes.keySet().stream().map(Mode::pathSegment).collect(Collectors.joining(", "));
	}

}
