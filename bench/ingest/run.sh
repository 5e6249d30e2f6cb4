#!/usr/bin/env bash
# Ingest benchmark: raw _bulk ceiling vs Logwarden's TCP and HTTP inputs against the same Elasticsearch.
# Usage: bench/ingest/run.sh [events-per-path, default 200000]
# Uses ES_URL if set, else starts the local 8.19.21 test distribution. Logwarden runs as a child JVM (java -jar).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipFrontend -DskipTests package
./mvnw -q -DskipFrontend test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.IngestBenchmark -Dexec.args="${1:-200000}" \
  -Dlogwarden.test.elasticsearch.distribution="$PWD/target/elasticsearch-dist/elasticsearch-8.19.21.zip"
