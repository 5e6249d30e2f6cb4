#!/usr/bin/env bash
# Runs the univariate anomaly detector core over NAB-format series and prints window recall, false positives
# per 1,000 points outside windows and median detection delay. Usage: bench/anomaly/run-nab.sh <input-dir> <output-dir>
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 <input-dir> <output-dir>   e.g. $0 /work/shared/data/nab /tmp/nab-scores" >&2
  exit 2
fi
input=$(cd "$1" && pwd)
mkdir -p "$2"
output=$(cd "$2" && pwd)
cd "$(dirname "$0")/../.."
./mvnw -q -DskipFrontend ${MVN_OFFLINE:--o} test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.logwarden.bench.anomaly.NabBenchmark -Dexec.args="$input $output"
