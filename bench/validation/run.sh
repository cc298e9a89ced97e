#!/usr/bin/env bash
# Validation throughput on one core: generates a 1 GB CSV and a 1 GB JSON-lines file under
# bench/out/validation (kept between runs), then validates each through the same
# InputStream entry point S3 objects use, next to a raw read of the same bytes.
# Usage: bench/validation/run.sh [runs]   (default 3 measured runs per format)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
# One core for the whole JVM (validation, JIT and GC), and a small heap to prove memory
# stays flat whatever the file size.
exec taskset -c 0 java -Xms64m -Xmx64m -XX:ActiveProcessorCount=1 \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.pinpointimport.validation.ValidationBenchmark bench/out/validation "${1:-3}"
