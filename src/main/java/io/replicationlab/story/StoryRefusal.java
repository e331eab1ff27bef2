package io.replicationlab.story;

/**
 * A story that cannot run, refused with a 400 problem naming where: the step (index and
 * name, absent for the story's own fields) and the field, as a JSON pointer into the
 * story.
 */
public class StoryRefusal extends RuntimeException {

	private final Integer step;

	private final String stepName;

	private final String field;

	StoryRefusal(Integer step, String stepName, String field, String message) {
		super(((step != null) ? "step " + step + " (\"" + stepName + "\"), " : "") + "field '" + field + "': "
				+ message);
		this.step = step;
		this.stepName = stepName;
		this.field = field;
	}

	public Integer step() {
		return this.step;
	}

	public String stepName() {
		return this.stepName;
	}

	public String field() {
		return this.field;
	}

	/** The JSON pointer of the field: {@code /steps/3/writes/0/replica}. */
	public String pointer() {
		return ((this.step != null) ? "/steps/" + this.step + "/" : "/")
				+ this.field.replace('.', '/').replace("[", "/").replace("]", "");
	}

}
