#!/usr/bin/env bash
# Benchmark 7, request to job: the time from sending POST /api/v1/imports to the AWS stand-in
# receiving the CreateImportJob it causes (both ends on the stand-in's clock), with a free job
# slot and a READY role, for validation NONE and SAMPLE (a 100-row CSV file), taking turns from an
# idle service; the first POST after each of STARTS start-ups; and the whole flow from nothing (PUT a
# new role, POST an import: bench/cli/service-import.sh) against the AWS CLI script
# (bench/cli/team-import.sh), both to CreateImportJob received. The packaged service runs with its
# default settings, the stand-in with no latency and (as the goal states) no IAM propagation delay.
#
#   bench/request/run.sh                                  # SAMPLES=100 STARTS=3 FLOWS=5: 12-20 minutes
#   SAMPLES=12 STARTS=1 FLOWS=3 bench/request/run.sh      # a quick run
#   IMAGE=1 bench/request/run.sh                          # the service as the image runs it: JDK 25,
#                                                         # the Dockerfile's options and AOT cache
#   SERVICE_PROPERTIES="logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG" \
#     bench/request/run.sh                                # every SQL statement, with its thread and time
#   SERVICE_JVM_OPTIONS="-XX:StartFlightRecording=filename=bench/out/request/service.jfr" bench/request/run.sh
#
# Needs the AWS CLI, curl and jq (for the whole-flow rows). Builds target/*.jar and the test classes
# when absent (REBUILD=1 forces it). Prints a Markdown table (also to bench/out/request/report.md; OUT=dir
# to change), with the service logs beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in aws curl jq; do
	command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done
source bench/common/classpath.sh
mkdir -p bench/out/request
if [[ "${IMAGE:-0}" == 1 ]]; then
	# The service as the image runs it: JDK 25, the Dockerfile's JVM options and its AOT cache.
	source bench/common/image.sh
	image_app bench/out/request/app
	export SERVICE_JAVA="$IMAGE_JAVA" SERVICE_JAR="$IMAGE_JAR"
	export SERVICE_JVM_OPTIONS="$IMAGE_OPTIONS ${SERVICE_JVM_OPTIONS:-}"
fi
exec java -Dsun.net.httpserver.nodelay=true -cp "$BENCH_CP" io.pinpointimport.bench.RequestToJobBenchmark
