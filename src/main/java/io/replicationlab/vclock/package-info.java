/**
 * Vector clocks for the {@code reconcile} mode: the module owns <b>dots</b>
 * ({@link io.replicationlab.vclock.Dot}: one event, a replica plus its counter),
 * <b>version vectors</b> ({@link io.replicationlab.vclock.VersionVector}: per replica,
 * the highest contiguous counter seen) and <b>causal contexts</b> (the context of a key
 * is simply a {@code VersionVector}: the events a write, or a read, has seen).
 *
 * <p>
 * Everything here is a pure, immutable value type. The module depends on nothing but the
 * JDK: no Spring, no persistence, no I/O, no clock. Causal order is decided by explicit,
 * named outcomes ({@link io.replicationlab.vclock.Causality}), never by wall-clock time;
 * ordering between concurrent writes (siblings, last-writer-wins) is policy and belongs
 * to {@code reconcile}.
 *
 * <p>
 * Text forms are stable API: a dot is {@code r1:7}; a version vector is {@code r1:3,r2:5}
 * (entries sorted by replica, no whitespace, the empty vector is the empty string).
 * Invalid input and broken invariants fail fast with
 * {@link java.lang.IllegalArgumentException} (bad argument) or
 * {@link java.lang.IllegalStateException} (a transition the vector does not allow), with
 * a message naming the problem, e.g. {@code r1:3 -> r1:5 would leave a gap}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vector clocks", allowedDependencies = {})
package io.replicationlab.vclock;
