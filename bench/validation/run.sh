#!/usr/bin/env bash
# Validation throughput on one core: generates a 1 GB CSV and a 1 GB JSON-lines file under
# bench/out/validation (kept between runs), then validates each through the same
# InputStream entry point S3 objects use, next to a raw read of the same bytes. Reports each
# run and the slowest of them (the goal is judged by it).
# Usage: bench/validation/run.sh [runs]   (default 3 measured runs per format)
#        PROFILE=1 bench/validation/run.sh 1   also records bench/out/validation/validation.jfr,
#                                              summarized by bench/validation/jfr-top.py
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
profile=()
if [[ -n "${PROFILE:-}" ]]; then
  mkdir -p bench/out/validation
  # DebugNonSafepoints attributes samples to the inlined method that ran, not the nearest call.
  profile=(-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
    -XX:StartFlightRecording=filename=bench/out/validation/validation.jfr,settings=profile)
fi
# One core for the whole JVM (validation, JIT and GC), and a small heap to prove memory
# stays flat whatever the file size.
exec taskset -c 0 java -Xms64m -Xmx64m -XX:ActiveProcessorCount=1 "${profile[@]}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.pinpointimport.validation.ValidationBenchmark bench/out/validation "${1:-3}"
