#!/usr/bin/env bash
# Ingest benchmark.
#  1. PipelineCpuBenchmark: Logwarden's own CPU per event (framing + normalisation + journal, and the shipper's
#     journal read), in-process, no Elasticsearch.
#  2. IngestBenchmark: raw _bulk ceiling vs Logwarden's TCP and HTTP inputs, end to end against the same
#     Elasticsearch (ES_URL if set, else the local 8.19.21 test distribution); Logwarden runs as a child JVM
#     (java -Xmx512m -jar) and its CPU time and heap are measured.
# Usage: bench/ingest/run.sh [events-per-path, default 200000]
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "load average: $(cat /proc/loadavg)  (figures are only meaningful on an otherwise idle machine)"
./mvnw -q -DskipFrontend -DskipTests package
./mvnw -q -DskipFrontend exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.PipelineCpuBenchmark -Dexec.args="${1:-200000}"
./mvnw -q -DskipFrontend exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.IngestBenchmark -Dexec.args="${1:-200000}" \
  -Dlogwarden.test.elasticsearch.distribution="$PWD/target/elasticsearch-dist/elasticsearch-8.19.21.zip"
