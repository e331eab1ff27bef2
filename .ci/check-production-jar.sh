#!/usr/bin/env bash
# The deployable jar (what the Dockerfile builds: ./mvnw -Pproduction package) must not carry Kafka's broker:
# no kafka_2.13, no Scala, no log4j-core, no broker modules. It must still hold Kafka's client, and the lab started
# from it must refuse with a message that says why instead of launching a broker that cannot run.
# Usage: .ci/check-production-jar.sh [jar]   (without an argument, builds it first)
set -euo pipefail
cd "$(dirname "$0")/.."

jar="${1:-}"
if [ -z "$jar" ]; then
	./mvnw -B -q -Pproduction -DskipTests package
	jar="$(ls target/replication-lab-*.jar | grep -v -- '-plain\.jar$' | head -n 1)"
fi
jar="$(realpath "$jar")"
libs="$(unzip -Z1 "$jar" 'BOOT-INF/lib/*')"
banned="$(grep -E '/(kafka_2\.13|scala-|log4j-core|kafka-server|kafka-raft|kafka-metadata|kafka-storage)[^/]*\.jar$' <<<"$libs" || true)"
if [ -n "$banned" ]; then
	echo "FAIL: $jar carries Kafka's broker:" >&2
	echo "$banned" >&2
	exit 1
fi
if ! grep -qE '/kafka-clients-[^/]*\.jar$' <<<"$libs"; then
	echo "FAIL: $jar has no kafka-clients: a replica cannot reach Kafka" >&2
	exit 1
fi
refusal="$(cd "$(mktemp -d)" && java -jar "$jar" --lab.data-dir=lab-data 2>&1 || true)"
if ! grep -q 'this build has no Kafka broker' <<<"$refusal"; then
	echo "FAIL: the lab started from $jar did not refuse with the expected message:" >&2
	echo "$refusal" >&2
	exit 1
fi
echo "production jar OK: $(stat -c %s "$jar") bytes, $(wc -l <<<"$libs") libraries, no broker, Scala or log4j-core"
