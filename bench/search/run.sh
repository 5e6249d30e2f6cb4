#!/usr/bin/env bash
# Search benchmark (issue 5, item 6): loads N events (default 5,000,000) over 7 daily indices into Elasticsearch once
# (ES_URL, else an embedded node under target/bench-es-search that keeps the data for the next run), then prints
# p50/p99 over 200 rounds (-Dbench.runs), after a warm-up that lasts until the JIT is quiet, of the search view's
# queries (search page, histogram, top values, the view's first paint, a jump to the middle row): what a plain
# Elasticsearch client sends for the same answer, through Logwarden's SearchService in-process, through its REST API,
# and the REST leg's floor (the plain request passed through a bare proxy in the same server), with the ratio to the
# plain client; then the Search view in headless Chromium from navigation to first rows + histogram drawn, over 10
# loads. Method: RESULTS.md.
# The browser part needs the production frontend bundle in target/classes: run `./mvnw package -DskipTests` once
# first (without it the browser part reports that the view did not render in time).
# Usage: bench/search/run.sh [events]; BENCH_OPTS adds JVM options, e.g. BENCH_OPTS="-Dbench.splits=true
# -Dbench.browser=false" for the step-by-step split of the search page and no browser part.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-5000000}"
./mvnw -o -q -DskipFrontend test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java "${JAVA_HOME:-}/bin/java"; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "25'; then JAVA=$candidate; break; fi
done
# shellcheck disable=SC2086
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -Dbench.events="$EVENTS" ${BENCH_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.logwarden.bench.search.SearchBenchmark
