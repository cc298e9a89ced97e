#!/usr/bin/env bash
# Training run for the JDK AOT cache (JEP 483/514/515), the same for the Dockerfile and for
# bench/startup/run.sh: starts the jar with -XX:AOTCacheOutput, waits until it answers, sends
# what a start and the first callers send (the probes, the health endpoint, an API call, the
# OpenAPI document), then stops it with SIGTERM as Kubernetes does; the JVM writes the cache as it
# exits. So the cache holds the classes, linkage and method profiles of the whole way to ready and
# of the first requests, not only of the context refresh.
#
#   train-aot-cache.sh JAR CACHE [PORT]      # JAVA (default: java) names the JVM
#
# `docker build` has no database: Flyway is off, the JDBC dialect is named, and the pool points
# at a closed port (the readiness probe answers 503, which trains the same code as a 200).
set -euo pipefail
jar=$1
cache=$2
port=${3:-8080}

"${JAVA:-java}" -XX:AOTCacheOutput="$cache" -Daws.region=us-east-1 -Dspring.flyway.enabled=false \
	-Dspring.data.jdbc.dialect=postgresql -Dspring.datasource.url=jdbc:postgresql://127.0.0.1:1/training \
	-Dserver.port="$port" -jar "$jar" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT

# One HTTP/1.1 GET with bash's /dev/tcp (the JRE image has no curl); prints the status line.
get() {
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
	head -1 <&3
	exec 3<&-
}

answered=false
for _ in $(seq 1 3000); do # up to 10 minutes: slow builders (emulated platforms)
	if get /actuator/health/liveness 2>/dev/null | grep -q ' 200'; then
		answered=true
		break
	fi
	kill -0 "$pid" 2>/dev/null || { echo "training run ended before it answered" >&2; exit 1; }
	sleep 0.2
done
$answered || { echo "training run did not answer within 10 minutes" >&2; exit 1; }
for _ in 1 2 3 4 5; do
	for path in /actuator/health/readiness /actuator/health/liveness /actuator/health /api/v1/imports \
		/v3/api-docs; do
		get "$path" >/dev/null
	done
done
trap - EXIT
kill -TERM "$pid"
wait "$pid" || true # 143: ended by SIGTERM, as intended
test -s "$cache" || { echo "no AOT cache written to $cache" >&2; exit 1; }
