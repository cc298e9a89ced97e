#!/usr/bin/env bash
# Benchmark 1, API overhead under an open model: GET /api/v1/imports/{id} and POST
# /api/v1/imports of the packaged jar at a ladder of constant arrival rates, sent by Gatling
# (Java DSL, bench/api/gatling: each request from a new virtual user at its scheduled time,
# never waiting for an earlier answer, so a slow answer cannot hold back the next send), beside
# a JDK HttpServer answering the same GET bytes (the ceiling) and the service's liveness probe
# (the same server stack with no database and no service code: the floor). The service and
# the stand-in run with their defaults: 2 Pinpoint jobs at once, SAMPLE validation, jobs of
# 50 ms per step, 1 s IAM propagation. Reads take turns at each rate (ceiling, floor, GET);
# then the POST ladder. A target leaves the ladder after two steps in a row that miss its
# goal (p99 <= 10 ms for reads, <= 25 ms for POST, no error, every scheduled request sent).
#
#   bench/api/run.sh                       # 60 s warm-up per target, then 10 s steps (+3 s warm-in each)
#   TARGETS=get bench/api/run.sh           # reads only
#   GET_RATES=500,1000 POST_RATES=50,100 STEP=20 WARMUP=30 bench/api/run.sh
#   SERVICE_PROPERTIES="spring.threads.virtual.enabled=true" bench/api/run.sh   # experiments
#   PROFILE=get PROFILE_RATE=1000 bench/api/run.sh   # JFR of that step: bench/out/api/get-1000.jfr
#
# Runs the harness, the service and Gatling on the JDK the image runs (Temurin 25; JAVA
# overrides). Builds target/*.jar, the test classes and the Gatling simulation when absent
# (REBUILD=1 forces it). Prints a Markdown table; logs and Gatling reports go to bench/out/api/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
source bench/common/classpath.sh
mkdir -p bench/out/api
gatling=bench/api/gatling
if [[ ! -s $gatling/target/classpath.txt || ! -d $gatling/target/test-classes/io || "${REBUILD:-0}" == 1 ]]; then
	./mvnw -B -ntp -q -f $gatling/pom.xml test-compile dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile=target/classpath.txt </dev/null
fi
GATLING_CP="$PWD/$gatling/target/test-classes:$(cat $gatling/target/classpath.txt)"
export GATLING_CP
exec "$JAVA" -cp "$BENCH_CP" io.pinpointimport.bench.ApiOverheadBenchmark
