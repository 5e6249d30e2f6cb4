#!/usr/bin/env bash
# Export benchmark: loads N events (default 5,000,000) into a local Elasticsearch (ES_URL, else one started for the
# run), then measures a bare point-in-time scan and a CSV export of the same data and prints rows/s, their ratio and
# the peak heap above idle. Usage: bench/export/run.sh [events] ; the heap of the measuring JVM is capped with -Xmx.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-5000000}"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx1g"
./mvnw -q -o -DskipFrontend test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.export.ExportBenchmark -Dexec.cleanupDaemonThreads=false \
  -Dbench.events="$EVENTS"
