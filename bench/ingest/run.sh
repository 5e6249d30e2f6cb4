#!/usr/bin/env bash
# Ingest benchmark, see bench/ingest/README.md. Usage: bench/ingest/run.sh [events per phase, default 200000]
#  1. PipelineCpuBenchmark: Logwarden's own CPU per event in-process, no Elasticsearch (at most 300,000 events:
#     they are held in memory).
#  2. IngestBenchmark: raw _bulk ceiling vs Logwarden's TCP and HTTP inputs, end to end against one Elasticsearch
#     (ES_URL if set, else the local 8.19.21 test distribution), Logwarden as a child JVM (java -Xmx512m -jar).
# Works from a clean checkout: builds the jar (ingest needs no frontend bundle), writes the test classpath and runs
# each program in its own JVM on the JDK 25 that ./mvnw selects.
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS="${1:-200000}"
echo "load average at start: $(cat /proc/loadavg) (figures mean something only on an otherwise idle machine)"
./mvnw -q -B -DskipFrontend -DskipTests package
./mvnw -q -B -DskipFrontend dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
LOGWARDEN_SKIP_ENV=1 . .mvn/logwarden-env.sh
lw_select_jdk
set +f
JAVA="$JAVA_HOME/bin/java"
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
DIST=$(ls target/elasticsearch-dist/elasticsearch-*.zip | head -n 1)
JAR=$(ls target/logwarden-*.jar | grep -v original | head -n 1)

"$JAVA" -Xmx2g -cp "$CP" io.logwarden.bench.PipelineCpuBenchmark $(( EVENTS < 300000 ? EVENTS : 300000 ))
"$JAVA" -Xmx1g -Dlogwarden.test.elasticsearch.distribution="$DIST" -Dlogwarden.test.jar="$JAR" \
  -cp "$CP" io.logwarden.bench.IngestBenchmark "$EVENTS"
