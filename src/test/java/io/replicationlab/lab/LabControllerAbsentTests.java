package io.replicationlab.lab;

import io.replicationlab.replica.ReplicaProperties;
import io.replicationlab.system.ClusterOrigins;
import io.replicationlab.system.OriginProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A replica outside the lab ({@code lab.supervisor-url} unset) has no lab controls: 404
 * problems.
 */
@WebMvcTest(LabController.class)
@EnableConfigurationProperties({ ReplicaProperties.class, OriginProperties.class })
@Import(ClusterOrigins.class)
class LabControllerAbsentTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void noLabControlsOutsideTheLab() throws Exception {
		this.mvc.perform(get("/api/lab"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(post("/api/lab/replicas/r1/kill")).andExpect(status().isNotFound());
	}

}
