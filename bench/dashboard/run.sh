#!/usr/bin/env bash
# Dashboard benchmark (issue #6 item 7): seeds EVENTS events (default 5,000,000) over 7 days into Elasticsearch
# (ES_URL, whose events are reused, or an embedded node under target/bench-es that keeps the data for the next run),
# then prints p50/p99 over 7 days of the overview's one search, the summary's, the anomaly overlays' and each chart
# alone, cold (shard request cache cleared) and repeated, and the overview's render time in headless Chromium.
# The UI part needs the production frontend bundle in target/classes: run `./mvnw package -DskipTests` once first.
# Env: EVENTS, ITERATIONS (default 30), ES_URL, PARTS (default "queries,browser": either or both).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q -DskipFrontend test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
JAVA=java
for candidate in /usr/lib/jvm/*25*/bin/java "${JAVA_HOME:-}/bin/java"; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "25'; then JAVA=$candidate; break; fi
done
# shellcheck disable=SC2086
exec "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g ${BENCH_OPTS:-} \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.logwarden.bench.dashboard.DashboardBenchmark
