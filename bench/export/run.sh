#!/usr/bin/env bash
# Export benchmark: loads N events (default 5,000,000) into Elasticsearch once (ES_URL keeps them for the next run;
# without it a node is started for this run), then at two sizes (N/5 and N, or the second argument and N) measures
# a bare point-in-time scan, a CSV export as an admin, a CSV export as a masked user and the bare scan again, and
# prints rows/s, the export/scan ratio and each pass's peak heap above idle.
# Usage: bench/export/run.sh [events] [small-events]; the measuring JVM's heap is capped with -Xmx1g.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-5000000}"
SMALL="${2:-$((EVENTS / 5))}"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx1g"
./mvnw -q -o -DskipFrontend test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.export.ExportBenchmark -Dexec.cleanupDaemonThreads=false \
  -Dbench.events="$EVENTS" -Dbench.small-events="$SMALL"
