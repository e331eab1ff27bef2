package io.replicationlab.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import io.replicationlab.replica.Mode;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Gathers the cluster view and the verifier's histories from every replica at once, and
 * waits for replication to settle when asked. A replica that does not answer is reported,
 * never an error.
 */
@Component
class ClusterObserver implements DisposableBean {

	private final ClusterMembers members;

	private final ReplicaClient client;

	private final ClusterProperties properties;

	private final Clock clock;

	private final ExecutorService fanOut = Executors.newFixedThreadPool(8, (task) -> {
		Thread thread = new Thread(task, "cluster-fan-out");
		thread.setDaemon(true);
		return thread;
	});

	ClusterObserver(ClusterMembers members, ReplicaClient client, ClusterProperties properties, Clock clock) {
		this.members = members;
		this.client = client;
		this.properties = properties;
		this.clock = clock;
	}

	ClusterView view(Mode mode) {
		Instant observedAt = this.clock.instant();
		List<Observation> observations = observe(mode, mode == Mode.TOTAL_ORDER, false);
		List<ReplicaSummary> reachable = observations.stream()
			.map(Observation::summary)
			.filter(ReplicaSummary::reachable)
			.toList();
		List<History> histories = histories(observations);
		ClusterView.Divergence divergence = Divergences.of(mode, reachable, histories);
		return new ClusterView(mode.pathSegment(), this.members.self(), observedAt,
				observations.stream().map(Observation::summary).toList(), unreachable(observations),
				Divergences.diverged(mode, divergence, histories), divergence);
	}

	Verification verify(Mode mode, int quiesceSeconds) {
		Verification.Quiescence quiescence = quiesce(mode, quiesceSeconds);
		Instant observedAt = this.clock.instant();
		List<Observation> observations = observe(mode, true, true);
		List<History> histories = histories(observations);
		List<String> unreachable = unreachable(observations);
		List<PropertyCheck> checks = Verifier.verify(mode, histories, unreachable, quiescence.settled());
		String verdict = Verifier.verdict(checks);
		List<String> reasons = new ArrayList<>();
		if (!verdict.equals(PropertyCheck.HOLDS)) {
			observations.stream()
				.map(Observation::summary)
				.filter((summary) -> !summary.reachable())
				.forEach((summary) -> reasons.add(summary.replica() + " unreachable: " + summary.error()));
			checks.stream()
				.filter((check) -> PropertyCheck.UNKNOWN.equals(check.verdict()))
				.forEach((check) -> reasons.add(check.property() + ": " + String.join("; ", check.notes())));
		}
		return new Verification(mode.pathSegment(), this.members.self(), observedAt,
				histories.stream().map(History::replica).toList(), unreachable, quiescence,
				verdict.equals(PropertyCheck.HOLDS), verdict, reasons, checks);
	}

	/**
	 * Polls every replica's summary until they agree (equal digests, and equal applied
	 * counts or vectors; in total-order also empty outboxes and no lag), or until none
	 * has moved for {@code cluster.quiesce-stillness}, or until the time is up.
	 */
	Verification.Quiescence quiesce(Mode mode, int seconds) {
		if (seconds <= 0) {
			return new Verification.Quiescence(0, false, 0);
		}
		long start = System.nanoTime();
		Duration limit = Duration.ofSeconds(seconds);
		List<List<Object>> last = null;
		long stillSince = start;
		while (true) {
			List<ReplicaSummary> summaries = fanOut(this.members.all(), (member) -> this.client.summary(member, mode));
			List<List<Object>> fingerprints = summaries.stream().map(ReplicaSummary::fingerprint).toList();
			long now = System.nanoTime();
			if (!fingerprints.equals(last)) {
				last = fingerprints;
				stillSince = now;
			}
			boolean still = Duration.ofNanos(now - stillSince).compareTo(this.properties.quiesceStillness()) >= 0;
			if (agree(mode, summaries) || still) {
				return new Verification.Quiescence(seconds, true, Duration.ofNanos(now - start).toMillis());
			}
			if (Duration.ofNanos(now - start).compareTo(limit) >= 0) {
				return new Verification.Quiescence(seconds, false, Duration.ofNanos(now - start).toMillis());
			}
			sleep(this.properties.quiescePoll());
		}
	}

	/**
	 * Every peer's summary in each mode, all read at once (unreachable peers included, as
	 * such).
	 */
	Map<Mode, List<ReplicaSummary>> peerSummaries(List<Mode> modes) {
		List<Member> peers = this.members.peers();
		List<CompletableFuture<ReplicaSummary>> futures = new ArrayList<>();
		for (Mode mode : modes) {
			for (Member peer : peers) {
				futures.add(CompletableFuture.supplyAsync(() -> this.client.summary(peer, mode), this.fanOut));
			}
		}
		Map<Mode, List<ReplicaSummary>> summaries = new EnumMap<>(Mode.class);
		for (int i = 0; i < futures.size(); i++) {
			summaries.computeIfAbsent(modes.get(i / peers.size()), (mode) -> new ArrayList<>())
				.add(futures.get(i).join());
		}
		modes.forEach((mode) -> summaries.putIfAbsent(mode, List.of()));
		return summaries;
	}

	private static boolean agree(Mode mode, List<ReplicaSummary> summaries) {
		List<ReplicaSummary> reachable = summaries.stream().filter(ReplicaSummary::reachable).toList();
		Function<ReplicaSummary, Object> state = switch (mode) {
			case LOCAL -> ReplicaSummary::digest;
			case RECONCILE -> (summary) -> summary.versionVector() + " " + summary.digest();
			case TOTAL_ORDER -> (summary) -> summary.applied() + " " + summary.digest();
		};
		boolean drained = mode != Mode.TOTAL_ORDER || reachable.stream().allMatch(ClusterObserver::drained);
		return mode != Mode.LOCAL && drained && reachable.stream().map(state).distinct().count() == 1;
	}

	/**
	 * total-order: nothing left in the outbox and nothing left to consume, as far as the
	 * replica reports it.
	 */
	private static boolean drained(ReplicaSummary summary) {
		if (summary.position() == null) {
			return true;
		}
		return isZeroOrAbsent(summary.position().get("outbox")) && isZeroOrAbsent(summary.position().get("lag"));
	}

	private static boolean isZeroOrAbsent(Object count) {
		return count == null || (count instanceof Number number && number.longValue() == 0);
	}

	private List<Observation> observe(Mode mode, boolean withHistory, boolean withWal) {
		return fanOut(this.members.all(), (member) -> {
			ReplicaSummary summary = this.client.summary(member, mode);
			if (!withHistory || !summary.reachable()) {
				return new Observation(summary, null);
			}
			try {
				return new Observation(summary, this.client.history(member, mode, summary, withWal));
			}
			catch (RuntimeException ex) {
				return new Observation(ReplicaSummary.unreachable(member, "history unreadable: " + ex.getMessage()),
						null);
			}
		});
	}

	private <T> List<T> fanOut(List<Member> members, Function<Member, T> task) {
		List<CompletableFuture<T>> futures = members.stream()
			.map((member) -> CompletableFuture.supplyAsync(() -> task.apply(member), this.fanOut))
			.toList();
		List<T> results = new ArrayList<>();
		futures.forEach((future) -> results.add(future.join()));
		return results;
	}

	private static List<History> histories(List<Observation> observations) {
		return observations.stream().map(Observation::history).filter((history) -> history != null).toList();
	}

	private static List<String> unreachable(List<Observation> observations) {
		return observations.stream()
			.map(Observation::summary)
			.filter((summary) -> !summary.reachable())
			.map(ReplicaSummary::replica)
			.toList();
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for replication to settle", ex);
		}
	}

	@Override
	public void destroy() {
		this.fanOut.shutdownNow();
	}

	private record Observation(ReplicaSummary summary, History history) {
	}

}
