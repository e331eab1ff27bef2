# syntax=docker/dockerfile:1
# One replica of replication-lab. Build: docker build -t replication-lab .
# Run:   docker run -p 8081:8080 -e REPLICA_ID=r1 -e SPRING_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 replication-lab

# 1. Build the deployable jar with the Maven wrapper: -Pproduction leaves out Kafka's broker (kafka_2.13, Scala,
#    log4j-core), which only the lab needs (.ci/check-production-jar.sh checks the jar).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies in their own layer: they change less often than the sources.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Pproduction dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Pproduction package -DskipTests \
    && cp target/replication-lab-*.jar application.jar
# Split the jar into layers (Spring Boot 4 "tools" jar mode), ready for the JarLauncher.
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

# 2. Run on a JRE only, as a non-root user.
FROM eclipse-temurin:17-jre AS runtime
RUN groupadd --system --gid 10001 replica \
    && useradd --system --uid 10001 --gid replica --home-dir /app --shell /usr/sbin/nologin replica \
    && mkdir -p /data /app \
    && chown replica:replica /data /app
WORKDIR /app
# Layers from the least to the most often changed, so a code change rebuilds only the last one.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER 10001:10001
# The replica's H2 files: keep them on a volume so they outlive the container (the WAL is the point).
ENV REPLICA_DATA_DIR=/data \
    SERVER_PORT=8080 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError"
VOLUME /data
EXPOSE 8080
# curl comes with eclipse-temurin's Ubuntu images (installed by its Dockerfile): no JVM started per check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
