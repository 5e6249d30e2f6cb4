#!/usr/bin/env bash
# Injected anomalies in real Elasticsearch (ES_URL, else a node started for the run): loads realistic events with
# known slow actions, error bursts, stuck jobs and silent services, runs Logwarden's detector cycle (feature
# extraction included) and prints precision, recall and delay per kind, cycle time and heap per size.
# Usage: bench/anomaly/run-injected.sh [series...]   (default 1000 10000 100000)
#   BENCH_OPTS="-Dbench.warm=36 -Dbench.eval=24 -Dbench.timed=5" changes windows and events per action and window.
set -euo pipefail
cd "$(dirname "$0")/../.."
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx4g}"
./mvnw -q -DskipFrontend ${MVN_OFFLINE:--o} ${BENCH_OPTS:-} test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java \
  -Dexec.classpathScope=test -Dexec.cleanupDaemonThreads=false \
  -Dexec.mainClass=io.logwarden.bench.anomaly.InjectedAnomalyBenchmark -Dexec.args="$*"
