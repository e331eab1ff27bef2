package io.replicationlab.system;

import io.replicationlab.wal.WriterUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A write the single writer no longer takes is a 503 problem with Retry-After, never a
 * 500 or a hang.
 */
class WriterUnavailableProblemTests {

	@RestController
	static class StoppedWriter {

		@PutMapping("/write")
		void write() {
			throw new WriterUnavailableException(
					"the replica's writer takes no more work (STOPPED); nothing was written");
		}

	}

	@Test
	void aWriteRefusedByAStoppedWriterIsA503ProblemWithRetryAfter() throws Exception {
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new StoppedWriter())
			.setControllerAdvice(new ProblemHandler())
			.build();

		mvc.perform(put("/write"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.type").value("/problems/writer-unavailable"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was written")));
	}

}
