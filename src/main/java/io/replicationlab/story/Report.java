package io.replicationlab.story;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A finished run's report, as {@code report.json}, the dashboard's Stories panel,
 * {@link ReportPage} and the tests that judge a run read it. The JSON keys are the
 * component names in component order; a {@code null} is written as {@code null} unless a
 * component says it is left out.
 *
 * @param complete whether every step was done
 * @param stepsNotDone the steps that were not ({@code failed}, {@code unsupported})
 * @param modes one column per mode of the story, in the story's order
 * @param operations every client operation, so that a checker can judge the run from the
 * client's side (StoryChecks does, in the tests)
 */
record Report(String story, String title, String description, String keyPrefix, long millis, boolean complete,
		List<StepView> stepsNotDone, Map<String, Column> modes, List<StepView> steps, Operations operations) {

	/**
	 * One mode's figures and the sentence composed from them.
	 *
	 * @param divergence how long the replicas held different states while the story ran
	 * @param lww {@code reconcile} only: left out in the other modes
	 */
	record Column(FinalStates finalStates, OrderAgreement orderAgreement, Divergence divergence, Writes writes,
			Latency latency, Cluster cluster, @JsonInclude(JsonInclude.Include.NON_NULL) Lww lww, String conclusion) {
	}

	/**
	 * The story's keys on every answering replica at the end.
	 *
	 * @param replicas per answering replica, its state of the story's keys (key without
	 * the run's prefix -> values)
	 * @param unreachable the replicas that did not answer
	 * @param equal no key differs and every replica answered
	 * @param keys how many keys any replica holds
	 * @param keysWithSiblings keys some replica holds more than one value of
	 */
	record FinalStates(Map<String, SortedMap<String, List<String>>> replicas, List<String> unreachable, boolean equal,
			int keys, List<String> differingKeys, long keysWithSiblings) {
	}

	/**
	 * In which orders the replicas applied the story's ops.
	 *
	 * @param appliedOps per answering replica, how many of the story's ops it applied
	 * @param pairsWithCrossings pairs that applied two shared ops in opposite orders
	 * @param duplicatesSkipped rows the applied logs mark {@code DUPLICATE}
	 */
	record OrderAgreement(Map<String, Integer> appliedOps, List<Pair> pairs, int pairsWithCrossings,
			long duplicatesSkipped) {

		/**
		 * @param commonOps the ops both applied
		 * @param crossings pairs of those ops the two applied in opposite orders
		 */
		record Pair(List<String> replicas, int commonOps, long crossings) {
		}

	}

	/** What the {@link Observer}'s samples saw; a sample needs two answering replicas. */
	record Divergence(long samples, long divergedSamples, long divergedMillis, long longestDivergedMillis) {
	}

	/**
	 * How the mode's writes were answered ({@link WriteFigures}).
	 *
	 * @param byFault per set of faults in force (or {@code no fault}), the answers
	 * @param answersLostOnPurpose writes whose answer the story threw away
	 * @param acknowledgedLostOps the acknowledged writes the applied logs lack
	 */
	record Writes(long total, Map<String, Answers> byFault, long answersLostOnPurpose, int acknowledgedLost,
			List<String> acknowledgedLostOps) {

		/** Writes answered 200, 202, and any other way (refused, or no answer). */
		record Answers(long ok200, long accepted202, long refused) {
		}

	}

	/**
	 * The latency of the mode's answered writes; the percentiles are left out when none
	 * was answered.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Latency(int answered, Long p50Millis, Long p95Millis, Long maxMillis) {
	}

	/**
	 * What {@code /api/cluster} and {@code /api/cluster/verify} said at the end, through
	 * the first replica that answered both; only {@code observedBy: null} when none did.
	 *
	 * @param properties each verified property: whether it holds
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Cluster(@JsonInclude(JsonInclude.Include.ALWAYS) String observedBy, Boolean diverged,
			List<String> unreachable, Boolean verifyHolds, Map<String, Boolean> properties) {

		static final Cluster UNOBSERVED = new Cluster(null, null, null, null, null);

	}

	/**
	 * {@code reconcile}'s last-writer-wins ledger.
	 *
	 * @param conflictPolicy as the first answering replica says, left out when none did
	 * @param discardedByReplica per answering replica, the story's writes it discarded
	 * @param ledger the first answering replica's entries for the story's keys (at most
	 * 20), verbatim
	 */
	record Lww(@JsonInclude(JsonInclude.Include.NON_NULL) String conflictPolicy, Map<String, Long> discardedByReplica,
			List<JsonNode> ledger) {
	}

	record Operations(List<WriteRecord> writes, List<ReadRecord> reads) {
	}

}
