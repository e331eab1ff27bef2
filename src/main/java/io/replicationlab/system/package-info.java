/**
 * What every replica needs that is no feature of its own: errors as RFC 9457 problem
 * details ({@link io.replicationlab.system.ClientProblem}), the OpenAPI description
 * behind Swagger UI, strict JSON reading, and the actuator's info.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", allowedDependencies = { "replica", "wal" })
package io.replicationlab.system;
