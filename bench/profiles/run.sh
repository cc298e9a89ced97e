#!/usr/bin/env bash
# Customer Profiles upload streaming: generated CSV files (no file on disk) of the sizes given
# in MB (default 16 and 950) go through the scan, the conversion to the profile CSV and the
# SSE-C PUT to the stand-in's presigned upload path, in a JVM with a 64 MiB heap; the table
# shows the heap it used for each size.
# Usage: bench/profiles/run.sh [MB ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -ntp test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.pinpointimport.profiles.StreamingBenchmark "$@"
