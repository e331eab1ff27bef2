package io.replicationlab.system;

import java.util.LinkedHashMap;
import java.util.Map;

import io.replicationlab.replica.ReplicaProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/info}: which replica answers and which version of the lab it runs. The
 * version comes from the build info the Maven build writes ({@code build-info} goal), so
 * it is absent only when run from an IDE that skipped it.
 */
@Component
class ReplicaInfo implements InfoContributor {

	private final ReplicaProperties replica;

	private final ObjectProvider<BuildProperties> build;

	ReplicaInfo(ReplicaProperties replica, ObjectProvider<BuildProperties> build) {
		this.replica = replica;
		this.build = build;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("id", this.replica.id());
		BuildProperties build = this.build.getIfAvailable();
		details.put("version", (build != null) ? build.getVersion() : "unknown");
		details.put("dataDir", this.replica.dataDir().toString());
		builder.withDetail("replica", details);
	}

}
