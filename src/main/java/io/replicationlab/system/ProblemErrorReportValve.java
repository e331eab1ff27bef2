package io.replicationlab.system;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Tomcat's last-resort error report as {@code application/problem+json} instead of its
 * HTML page. Tomcat answers some requests itself before any servlet sees them: a URI with
 * {@code %2F}, {@code %00} or a broken or non-UTF-8 escape, {@code /../} past the root, a
 * header too large. Those never reach {@link ProblemErrorController}; this valve gives
 * them the same shape as every other refusal. Errors that a servlet or the error page
 * already answered are left alone.
 */
class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write("""
						{"type":"/problems/%s","title":"%s","status":%d,"detail":"%s"}""".formatted(
						(status < 500) ? "bad-request" : "internal", (status < 500) ? "Bad request" : "Server error",
						status,
						(status < 500)
								? "The server refused the request before it reached the API "
										+ "(malformed URI, encoded slash or NUL, header too large...)"
								: "The replica failed to handle the request; its log says why."));
				writer.flush();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot be written: nothing more to tell
		}
	}

	/**
	 * Puts the valve on the host in place of the error report valve Tomcat and Spring
	 * Boot install.
	 */
	static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> installer() {
		return new Installer();
	}

	private static final class Installer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof Host host) {
					for (Valve valve : host.getPipeline().getValves()) {
						if (valve instanceof ErrorReportValve) {
							host.getPipeline().removeValve(valve);
						}
					}
					host.getPipeline().addValve(new ProblemErrorReportValve());
					if (host instanceof StandardHost standard) {
						standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					}
				}
			});
		}

		@Override
		public int getOrder() {
			// after Spring Boot's own customizer, which installs its error report valve
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
