/**
 * Stories: scripted workloads with faults that run the same operations in every mode at
 * once and end in a side-by-side report, one column per mode. A story is JSON
 * ({@code story.schema.json}); {@link StoryParser} refuses a bad one naming the step and
 * field; {@link StoryRunner} plays it against the lab's replicas and lab controls over
 * HTTP while {@link Observer} samples their states; {@link StoryReport} turns what it saw
 * into figures and a conclusion per mode derived from them ({@link Report}), as JSON or a
 * self-contained HTML page ({@link ReportPage}). The lab supervisor serves the runs
 * ({@link StoryHttp}); {@link StoryMain} runs one from the command line. Plain Java, no
 * Spring: it runs inside the supervisor, which has no Spring context.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stories (scripted workloads, side-by-side reports)",
		allowedDependencies = { "worker" })
package io.replicationlab.story;
