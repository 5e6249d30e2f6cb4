#!/usr/bin/env bash
# Run time and heap of one detector cycle in the detector core at 1k / 10k / 100k series (no Elasticsearch).
# Usage: bench/anomaly/run-cycle.sh [series...]
set -euo pipefail
cd "$(dirname "$0")/../.."
MAVEN_OPTS="${MAVEN_OPTS:--Xmx3g}" ./mvnw -q -DskipFrontend ${MVN_OFFLINE:--o} test-compile \
  org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.anomaly.DetectorCycleBenchmark -Dexec.args="$*"
