package io.replicationlab.check;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JudgeTests {

	private static Judge.Operation write(String replica, String key, String value, String opId, long invoked,
			long completed, String type) {
		return new Judge.Operation("write", replica, "local", key, value, opId, invoked, completed, type, null, null);
	}

	@Test
	void operationsBecomeAHistoryInTimeOrderEachItsOwnProcess() {
		List<Event> events = Judge.history(List.of(write("r1", "a", "1", "o1", 0, 10, "ok"),
				write("r2", "a", "2", "o2", 5, 6, "durable"), write("r3", "a", "3", "o3", 10, 12, "fail")));
		assertThat(events).extracting(Event::index).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(events).extracting((e) -> e.opId() + " " + e.type() + " " + e.process())
			.containsExactly("o1 invoke 0", "o2 invoke 1", "o2 durable 1", "o3 invoke 2", "o1 ok 0", "o3 fail 2");
		assertThat(events.get(4).nanos()).isEqualTo(10);
	}

	@Test
	void aCompletionBeforeItsInvocationIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Judge.history(List.of(write("r1", "a", "1", "o1", 5, 4, "ok"))));
	}

	@Test
	void theCheckersJudgeTheConvertedHistory() {
		List<Event> events = Judge
			.history(List.of(write("r1", "a", "1", "o1", 0, 3, "ok"), write("r1", "b", "2", "o2", 1, 2, "ok")));
		Histories replicas = new Histories().wal("r1", "local", "o1", "a", "1", null, null)
			.state("r1", "local", Map.of("a", List.of("1")), null, null);
		Anomalies found = LocalChecker.check(events, replicas.observed("r1"), List.of("r1"));
		assertThat(found.count("lost")).isEqualTo(1);
		assertThat(found.found().get("lost").examples().get(0).text()).contains("o2");
	}

}
