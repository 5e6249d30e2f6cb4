#!/usr/bin/env bash
# Search benchmark: loads N events (default 5,000,000) over 7 daily indices into Elasticsearch (ES_URL, else one
# started for the run; a rerun reuses loaded data), then prints p50/p99 over 30 runs after 5 warm-up runs of the
# search view's queries (search page, histogram, top values): sent to Elasticsearch directly, through Logwarden's
# SearchService in-process and through its REST API, with the ratio to direct. Usage: bench/search/run.sh [events]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-5000000}"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx1g"
./mvnw -q -o -DskipFrontend test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.search.SearchBenchmark -Dexec.cleanupDaemonThreads=false \
  -Dbench.events="$EVENTS"
