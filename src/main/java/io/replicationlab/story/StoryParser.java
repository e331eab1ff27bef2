package io.replicationlab.story;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a story and checks every field against {@code story.schema.json}'s rules and the
 * lab it is to run in (its replica ids), so that a bad story is refused before anything
 * runs, naming the step and field.
 */
public final class StoryParser {

	static final List<String> MODES = List.of("local", "total-order", "reconcile");

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Set<String> STORY_FIELDS = Set.of("name", "title", "description", "modes", "steps");

	private static final Set<String> COMMON = Set.of("name", "narration", "action");

	private static final Map<Story.Action, Set<String>> FIELDS = Map.ofEntries(
			Map.entry(Story.Action.WRITE, Set.of("writes", "await")),
			Map.entry(Story.Action.READ, Set.of("replica", "key")),
			Map.entry(Story.Action.PARTITION, Set.of("groups", "kafka")), Map.entry(Story.Action.HEAL, Set.of()),
			Map.entry(Story.Action.KAFKA_CUT, Set.of("replicas")), Map.entry(Story.Action.KILL, Set.of("replica")),
			Map.entry(Story.Action.RESTART, Set.of("replica", "timeout")),
			Map.entry(Story.Action.PAUSE, Set.of("replica")), Map.entry(Story.Action.RESUME, Set.of("replica")),
			Map.entry(Story.Action.BROKER_STOP, Set.of()), Map.entry(Story.Action.BROKER_START, Set.of("timeout")),
			Map.entry(Story.Action.CLOCK_SKEW, Set.of("replica", "offset")),
			Map.entry(Story.Action.PITFALL, Set.of("pitfall", "enabled")),
			Map.entry(Story.Action.WAIT, Set.of("duration")), Map.entry(Story.Action.SETTLE, Set.of("timeout")));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<String> replicaIds;

	/**
	 * @param replicaIds the replicas of the lab the stories run in
	 */
	public StoryParser(List<String> replicaIds) {
		this.replicaIds = List.copyOf(replicaIds);
	}

	public Story parse(String text) {
		JsonNode root;
		try {
			root = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new StoryRefusal(null, null, "", "the story is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new StoryRefusal(null, null, "", "a story is a JSON object with name, title and steps");
		}
		unknownFields(root, STORY_FIELDS, null, null, "");
		String name = string(root, "name", null, null, true, NAME,
				"1-64 characters of [a-z0-9-], starting with a letter or digit");
		String title = string(root, "title", null, null, false, null, null);
		String description = string(root, "description", null, null, false, null, null);
		List<String> modes = new ArrayList<>();
		JsonNode modesNode = root.get("modes");
		if (modesNode == null || modesNode.isNull()) {
			modes.addAll(MODES);
		}
		else {
			if (!modesNode.isArray() || modesNode.isEmpty()) {
				throw new StoryRefusal(null, null, "modes", "a non-empty array of " + MODES);
			}
			for (int i = 0; i < modesNode.size(); i++) {
				String mode = modesNode.get(i).isString() ? modesNode.get(i).asString() : null;
				if (!MODES.contains(mode) || modes.contains(mode)) {
					throw new StoryRefusal(null, null, "modes[" + i + "]",
							"'" + modesNode.get(i) + "' is not one of " + MODES + " (each once)");
				}
				modes.add(mode);
			}
		}
		JsonNode stepsNode = root.get("steps");
		if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty() || stepsNode.size() > 100) {
			throw new StoryRefusal(null, null, "steps", "an array of 1 to 100 steps");
		}
		List<Story.Step> steps = new ArrayList<>();
		for (int i = 0; i < stepsNode.size(); i++) {
			steps.add(step(i, stepsNode.get(i)));
		}
		return new Story(name, (title != null) ? title : name, (description != null) ? description : "", modes, steps);
	}

	private Story.Step step(int index, JsonNode node) {
		if (!node.isObject()) {
			throw new StoryRefusal(index, "", "", "a step is a JSON object with action and narration");
		}
		String name = node.has("name") && node.get("name").isString() ? node.get("name").asString() : "step " + index;
		String actionName = string(node, "action", index, name, true, null, null);
		Story.Action action = Story.Action.of(actionName);
		if (action == null) {
			throw new StoryRefusal(index, name, "action", "'" + actionName + "' is not an action; actions are "
					+ java.util.Arrays.stream(Story.Action.values()).map((a) -> a.json).toList());
		}
		Set<String> allowed = new HashSet<>(COMMON);
		allowed.addAll(FIELDS.get(action));
		unknownFields(node, allowed, index, name, "");
		string(node, "name", index, name, false, null, null);
		String narration = string(node, "narration", index, name, true, null, null);
		if (narration.isBlank() || narration.length() > 1000) {
			throw new StoryRefusal(index, name, "narration", "one line for the reader, 1-1000 characters");
		}
		List<Story.Write> writes = List.of();
		String await = null;
		String replica = null;
		String key = null;
		List<List<String>> groups = List.of();
		List<String> kafka = null;
		List<String> replicas = List.of();
		Duration duration = null;
		String pitfall = null;
		boolean enabled = false;
		switch (action) {
			case WRITE -> {
				writes = writes(node, index, name);
				await = string(node, "await", index, name, false, Pattern.compile("durable|ordered|applied"),
						"one of durable, ordered, applied");
			}
			case READ -> {
				replica = replica(node, "replica", index, name);
				key = string(node, "key", index, name, true, KEY, "1-200 characters of [A-Za-z0-9._:-]");
			}
			case PARTITION -> {
				JsonNode groupsNode = node.get("groups");
				if (groupsNode == null || !groupsNode.isArray() || groupsNode.isEmpty()) {
					throw new StoryRefusal(index, name, "groups",
							"an array of groups of replica ids, like [[\"r1\"], [\"r2\", \"r3\"]]");
				}
				List<List<String>> parsed = new ArrayList<>();
				Set<String> seen = new HashSet<>();
				for (int g = 0; g < groupsNode.size(); g++) {
					List<String> group = replicaList(groupsNode.get(g), "groups[" + g + "]", index, name);
					for (int r = 0; r < group.size(); r++) {
						if (!seen.add(group.get(r))) {
							throw new StoryRefusal(index, name, "groups[" + g + "][" + r + "]",
									"replica '" + group.get(r) + "' is in two groups");
						}
					}
					parsed.add(group);
				}
				groups = parsed;
				if (node.has("kafka")) {
					kafka = replicaList(node.get("kafka"), "kafka", index, name);
				}
			}
			case KAFKA_CUT -> replicas = replicaList(node.get("replicas"), "replicas", index, name);
			case KILL, PAUSE, RESUME -> replica = replica(node, "replica", index, name);
			case RESTART -> {
				replica = replica(node, "replica", index, name);
				duration = duration(node, "timeout", index, name, Duration.ofSeconds(180), Duration.ofSeconds(300),
						false);
			}
			case BROKER_START -> duration = duration(node, "timeout", index, name, Duration.ofSeconds(180),
					Duration.ofSeconds(300), false);
			case CLOCK_SKEW -> {
				replica = replica(node, "replica", index, name);
				duration = duration(node, "offset", index, name, null, Duration.ofHours(1), true);
			}
			case PITFALL -> {
				pitfall = string(node, "pitfall", index, name, true, LABEL,
						"a pitfall's name, like ack-before-durable");
				JsonNode on = node.get("enabled");
				if (on == null || !on.isBoolean()) {
					throw new StoryRefusal(index, name, "enabled", "true (switch the pitfall on) or false (off)");
				}
				enabled = on.asBoolean();
			}
			case WAIT -> duration = duration(node, "duration", index, name, null, Duration.ofSeconds(60), false);
			case SETTLE -> duration = duration(node, "timeout", index, name, Duration.ofSeconds(30),
					Duration.ofSeconds(180), false);
			case HEAL, BROKER_STOP -> {
			}
		}
		return new Story.Step(index, name, narration, action, writes, await, replica, key, groups, kafka, replicas,
				duration, pitfall, enabled);
	}

	private List<Story.Write> writes(JsonNode node, int index, String name) {
		JsonNode writesNode = node.get("writes");
		if (writesNode == null || !writesNode.isArray() || writesNode.isEmpty() || writesNode.size() > 200) {
			throw new StoryRefusal(index, name, "writes", "an array of 1 to 200 writes {replica, key, value}");
		}
		List<Story.Write> writes = new ArrayList<>();
		for (int w = 0; w < writesNode.size(); w++) {
			String at = "writes[" + w + "]";
			JsonNode write = writesNode.get(w);
			if (!write.isObject()) {
				throw new StoryRefusal(index, name, at, "a write is an object {replica, key, value}");
			}
			unknownFields(write, Set.of("replica", "key", "value", "delete", "opId", "answer"), index, name, at + ".");
			String replica = replica(write, "replica", index, name, at + ".");
			String key = string(write, "key", index, name, true, KEY, "1-200 characters of [A-Za-z0-9._:-]", at + ".");
			boolean delete = write.has("delete") && write.get("delete").asBoolean(false);
			String value = string(write, "value", index, name, !delete, null, null, at + ".");
			if (delete && value != null) {
				throw new StoryRefusal(index, name, at + ".value", "a delete has no value");
			}
			if (value != null && value.length() > 1024) {
				throw new StoryRefusal(index, name, at + ".value", "at most 1024 characters in a story");
			}
			String opId = string(write, "opId", index, name, false, LABEL, "a label of [A-Za-z0-9._-]", at + ".");
			String answer = string(write, "answer", index, name, false, Pattern.compile("lost"),
					"'lost' (the client never sees the answer), or absent", at + ".");
			writes.add(new Story.Write(replica, key, value, opId, answer));
		}
		return writes;
	}

	private List<String> replicaList(JsonNode list, String field, int index, String name) {
		if (list == null || !list.isArray() || list.isEmpty()) {
			throw new StoryRefusal(index, name, field, "a non-empty array of replica ids " + this.replicaIds);
		}
		List<String> ids = new ArrayList<>();
		for (int r = 0; r < list.size(); r++) {
			String id = list.get(r).isString() ? list.get(r).asString() : String.valueOf(list.get(r));
			if (!this.replicaIds.contains(id)) {
				throw new StoryRefusal(index, name, field + "[" + r + "]",
						"unknown replica '" + id + "'; the lab's replicas are " + this.replicaIds);
			}
			ids.add(id);
		}
		return ids;
	}

	private String replica(JsonNode node, String field, int index, String name) {
		return replica(node, field, index, name, "");
	}

	private String replica(JsonNode node, String field, int index, String name, String prefix) {
		String id = string(node, field, index, name, true, null, null, prefix);
		if (!this.replicaIds.contains(id)) {
			throw new StoryRefusal(index, name, prefix + field,
					"unknown replica '" + id + "'; the lab's replicas are " + this.replicaIds);
		}
		return id;
	}

	private static Duration duration(JsonNode node, String field, int index, String name, Duration absent, Duration max,
			boolean signed) {
		String text = string(node, field, index, name, absent == null, null, null);
		if (text == null) {
			return absent;
		}
		try {
			Duration duration = Duration.parse(text);
			if ((!signed && duration.isNegative()) || duration.abs().compareTo(max) > 0) {
				throw new StoryRefusal(index, name, field,
						"'" + text + "' is outside " + (signed ? "-" + max + ".." : "PT0S..") + max);
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			throw new StoryRefusal(index, name, field, "'" + text + "' is not an ISO-8601 duration like PT2S");
		}
	}

	private static String string(JsonNode node, String field, Integer index, String name, boolean required,
			Pattern pattern, String rule) {
		return string(node, field, index, name, required, pattern, rule, "");
	}

	private static String string(JsonNode node, String field, Integer index, String name, boolean required,
			Pattern pattern, String rule, String prefix) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			if (required) {
				throw new StoryRefusal(index, name, prefix + field, "missing");
			}
			return null;
		}
		if (!value.isString()) {
			throw new StoryRefusal(index, name, prefix + field, "must be a string, not " + value);
		}
		String text = value.asString();
		if (pattern != null && !pattern.matcher(text).matches()) {
			throw new StoryRefusal(index, name, prefix + field, "'" + text + "' is not " + rule);
		}
		return text;
	}

	private static void unknownFields(JsonNode node, Set<String> allowed, Integer index, String name, String prefix) {
		for (String field : node.propertyNames()) {
			if (!allowed.contains(field)) {
				throw new StoryRefusal(index, name, prefix + field, "unknown field; this "
						+ ((index == null) ? "story" : "step") + " takes " + new java.util.TreeSet<>(allowed));
			}
		}
	}

}
