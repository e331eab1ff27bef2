package io.replicationlab.reconcile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.replicationlab.vclock.Dot;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops of a delta batch, each encoded to JSON once: the same bytes weigh the op
 * against the page's byte budget and go into the batch's body, where encoding the
 * {@link DeltaBatch} whole encoded every op a second time.
 *
 * @param dots the ops' dots, in page order
 * @param ops each op's JSON ({@link DeltaOp}), in page order
 */
record DeltaPage(List<Dot> dots, List<byte[]> ops) {

	/**
	 * The longest prefix of the ops whose JSON fits {@code budget} bytes (at least one
	 * op): the store's cut counts raw text, and JSON escaping can make a value up to six
	 * times longer.
	 */
	static DeltaPage within(JsonMapper json, List<ReconcileOp> ops, long budget) {
		List<Dot> dots = new ArrayList<>(ops.size());
		List<byte[]> encoded = new ArrayList<>(ops.size());
		long bytes = 0;
		for (ReconcileOp op : ops) {
			byte[] wire = json.writeValueAsBytes(DeltaOp.of(op));
			// + 1: the comma between ops
			bytes += wire.length + 1;
			if (!encoded.isEmpty() && bytes > budget) {
				break;
			}
			dots.add(op.dot());
			encoded.add(wire);
		}
		return new DeltaPage(dots, encoded);
	}

	boolean isEmpty() {
		return this.ops.isEmpty();
	}

	int size() {
		return this.ops.size();
	}

	Dot last() {
		return this.dots.get(this.dots.size() - 1);
	}

	/**
	 * The bytes {@code json.writeValueAsBytes(new DeltaBatch(replica, since, vector, ops,
	 * more))} gives, with each op's JSON copied as it is.
	 */
	byte[] batch(JsonMapper json, String replica, String since, String vector, boolean more) {
		int size = 64;
		for (byte[] op : this.ops) {
			size += op.length + 1;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				size + replica.length() + since.length() + vector.length());
		out.writeBytes(ascii("{\"replica\":"));
		out.writeBytes(json.writeValueAsBytes(replica));
		out.writeBytes(ascii(",\"since\":"));
		out.writeBytes(json.writeValueAsBytes(since));
		out.writeBytes(ascii(",\"vector\":"));
		out.writeBytes(json.writeValueAsBytes(vector));
		out.writeBytes(ascii(",\"ops\":["));
		for (int i = 0; i < this.ops.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.writeBytes(this.ops.get(i));
		}
		out.writeBytes(ascii("],\"more\":" + more + "}"));
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
