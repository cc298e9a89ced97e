#!/usr/bin/env bash
# Start-up and footprint of the packaged jar as the image runs it (issue 17, goal 4): time from
# `java` to /actuator/health/readiness answering UP (database migrated and reachable), the RSS and
# the CPU time the JVM had used at that moment, and the RSS under load. A real PostgreSQL (embedded
# binaries) and the AWS stand-in run beside it.
#
# No Docker here, so the bench rebuilds the image's /app on the host: the jar extracted with
# Spring Boot's layers and the layers merged as the Dockerfile's COPYs do; JAVA_TOOL_OPTIONS and
# the ENTRYPOINT's options read from the Dockerfile; the AOT cache made by the Dockerfile's own
# training script (src/main/docker/train-aot-cache.sh) with no database and no AWS settings, as
# `docker build` has none. The host JDK 25 stands for the image's JRE 25 of the same release.
# The container's memory limit is given to the JVM as -XX:MaxRAM (CONTAINER_MEMORY, the chart's
# 768m by default), so the heap is sized as in the chart's pod.
#
# Variants, started in turn (so background load hits them alike), after one warm-up start each:
#   jdk17           reference: plain `java -jar` on JDK 17, no options
#   image           the Dockerfile as it is
#   image-previous  the image before this tuning: G1 (no GC named) and a training run that
#                   exits after the context refresh (-Dspring.context.exit=onRefresh)
#   EXTRA="name:jvm-options;..."  adds image variants with more JVM options, for experiments
#
#   bench/startup/run.sh                 # RUNS=5 measured starts per variant
#   RUNS=3 LOAD_SECONDS=0 bench/startup/run.sh          # no load phase
#   EXTRA="c1:-XX:TieredStopAtLevel=1" bench/startup/run.sh
#   PROFILE=1 bench/startup/run.sh       # plus one profiled start of `image` (see below)
#
# Load phase (LOAD_SECONDS, default 30, per variant but jdk17): wrk, 2 threads,
# 32 connections, closed loop, GET /api/v1/imports/{an unknown id} with an API key: the whole API
# path (Tomcat, security, controller, a database query, a problem+json 404). RSS is sampled every
# 0.5 s; the table shows its peak, the requests per second and wrk's p99.
# Profile (PROFILE=1): -Xlog:startuptime, a JFR recording of the start to ready
# (bench/out/startup/profile.jfr, summarized by bench/common/jfr-top.py), the CPU time per JVM
# thread at ready and the application's log timeline.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-5}"
LOAD_SECONDS="${LOAD_SECONDS:-30}"
CONTAINER_MEMORY="${CONTAINER_MEMORY:-768m}"
JDK17="${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
OUT=bench/out/startup
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

jar=$(ls target/pinpoint-import-service-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
if [[ -z "$jar" || ! -d target/test-classes ]]; then
	./mvnw -B -ntp -q -DskipTests package </dev/null
	jar=$(ls target/pinpoint-import-service-*.jar | grep -v '\.original$' | head -1)
fi
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/test-classpath.txt" </dev/null

# /app as the Dockerfile builds it, and its AOT cache trained by the Dockerfile's own script, with
# no database or AWS settings (as in `docker build`).
source bench/common/image.sh
JDK25=$JDK25 image_app "$OUT/app"
app=$IMAGE_APP
image_tool_options=$IMAGE_TOOL_OPTIONS
read -r -a image_options <<<"$IMAGE_ENTRY_OPTIONS"
previous_tool_options="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

infra_log="$OUT/infrastructure.env"
rm -f "$infra_log"
"$JDK25/bin/java" -cp "target/test-classes:target/classes:$(cat "$OUT/test-classpath.txt")" \
	bench/startup/Infrastructure.java "$infra_log" >"$OUT/infrastructure.log" 2>&1 &
infra_pid=$!
trap 'kill "$infra_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
	grep -q '^READY=1' "$infra_log" 2>/dev/null && break
	kill -0 "$infra_pid" 2>/dev/null || { cat "$OUT/infrastructure.log"; exit 1; }
	sleep 0.2
done

# The previous image's training run, as its Dockerfile had it.
echo "training the previous image's AOT cache..." >&2
(cd "$app" && JAVA_TOOL_OPTIONS="$previous_tool_options" "$JDK25/bin/java" -XX:AOTCacheOutput="$app/previous.aot" \
	-Dspring.context.exit=onRefresh -Daws.region=us-east-1 -Dspring.flyway.enabled=false \
	-Dspring.data.jdbc.dialect=postgresql -Dspring.datasource.url=jdbc:postgresql://127.0.0.1:1/training \
	-jar "$app/pinpoint-import-service.jar" >"$OUT/train-image-previous.log" 2>&1) || {
	tail -30 "$OUT/train-image-previous.log" >&2
	exit 1
}

set -a
# shellcheck disable=SC1090
source "$infra_log"
AWS_SECRET_ACCESS_KEY=stand-in-does-not-check
set +a
api_key=pis_bench_startup_4f2a9c
api_key_sha256=$(printf '%s' "$api_key" | sha256sum | cut -d' ' -f1)
app_args=(--pinpoint-import.security.api-keys.bench.sha256="$api_key_sha256"
	--pinpoint-import.security.api-keys.bench.scopes=imports:read
	--pinpoint-import.security.rate-limit.requests-per-minute=1000000000)

# launch VARIANT PORT LOG [extra JVM options...]: starts one variant in the background, sets $pid
launch() {
	local variant=$1 port=$2 log=$3
	shift 3
	local java_home=$JDK25 tool_options=$image_tool_options
	local -a options=("${image_options[@]}" -XX:MaxRAM="$CONTAINER_MEMORY")
	case $variant in
	jdk17) java_home=$JDK17 tool_options="" options=() ;;
	image) ;;
	image-previous)
		tool_options=$previous_tool_options
		options=(-XX:AOTCache="$app/previous.aot" -XX:MaxRAM="$CONTAINER_MEMORY")
		;;
	*) read -r -a extra <<<"$(tr ';' '\n' <<<"$EXTRA" | sed -n "s/^$variant://p")" && options+=("${extra[@]}") ;;
	esac
	cd "$app"
	if [[ -n "$tool_options" ]]; then
		JAVA_TOOL_OPTIONS="$tool_options" "$java_home/bin/java" "${options[@]}" "$@" -jar pinpoint-import-service.jar \
			--server.port="$port" "${app_args[@]}" >"$log" 2>&1 &
	else
		"$java_home/bin/java" "$@" -jar pinpoint-import-service.jar --server.port="$port" "${app_args[@]}" >"$log" 2>&1 &
	fi
	pid=$!
	cd - >/dev/null
}

# await_ready PORT LABEL: polls the readiness probe every 20 ms
await_ready() {
	for _ in $(seq 1 6000); do
		if curl -sf "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; then
			return 0
		fi
		kill -0 "$pid" 2>/dev/null || { echo "$2 did not start:" >&2; tail -30 "$OUT/$2.log" >&2; exit 1; }
		sleep 0.02
	done
	echo "$2 was not ready within 2 minutes" >&2
	exit 1
}

cpu_millis() { awk '{print int(($14 + $15) * 1000 / '"$(getconf CLK_TCK)"')}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

port=18080
# start VARIANT: one start; prints "millis_to_ready rss_kib cpu_millis load1"
start() {
	port=$((port + 1))
	local begin end rss cpu load
	begin=$(date +%s%N)
	launch "$1" "$port" "$OUT/$1.log"
	await_ready "$port" "$1"
	end=$(date +%s%N)
	rss=$(rss_kib "$pid")
	cpu=$(cpu_millis "$pid")
	load=$(cut -d' ' -f1 /proc/loadavg)
	kill -TERM "$pid"
	wait "$pid" || true
	echo "$(((end - begin) / 1000000)) $rss $cpu $load"
}

variants=(jdk17 image image-previous)
if [[ -n "${EXTRA:-}" ]]; then
	mapfile -t extra_names < <(tr ';' '\n' <<<"$EXTRA" | cut -d: -f1)
	variants+=("${extra_names[@]}")
fi
results="$OUT/results.txt"
: >"$results"
for variant in "${variants[@]}"; do
	start "$variant" >/dev/null # warm-up: page cache, database migrated once
done
for run in $(seq 1 "$RUNS"); do
	for variant in "${variants[@]}"; do
		echo "$variant $run $(start "$variant")" | tee -a "$results" >&2
	done
done

# load VARIANT: RSS peak, requests/s and p99 under wrk for LOAD_SECONDS
load_results="$OUT/load.txt"
: >"$load_results"
if ((LOAD_SECONDS > 0)); then
	command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
	for variant in image image-previous ${extra_names[@]+"${extra_names[@]}"}; do
		port=$((port + 1))
		launch "$variant" "$port" "$OUT/$variant-load.log"
		await_ready "$port" "$variant-load"
		rss_ready=$(rss_kib "$pid")
		url="http://127.0.0.1:$port/api/v1/imports/00000000-0000-4000-8000-000000000000"
		wrk -t2 -c32 -d"${LOAD_SECONDS}s" --latency -H "X-Api-Key: $api_key" "$url" >"$OUT/$variant-wrk.txt" 2>&1 &
		wrk_pid=$!
		peak=0
		while kill -0 "$wrk_pid" 2>/dev/null; do
			rss=$(rss_kib "$pid")
			((rss > peak)) && peak=$rss
			sleep 0.5
		done
		wait "$wrk_pid"
		status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $api_key" "$url")
		rps=$(awk '/^Requests\/sec/ {print int($2)}' "$OUT/$variant-wrk.txt")
		p99=$(awk '$1 == "99%" {print $2}' "$OUT/$variant-wrk.txt")
		echo "$variant $rss_ready $peak $rps $p99 $status $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$load_results" >&2
		kill -TERM "$pid"
		wait "$pid" || true
	done
fi

if [[ -n "${PROFILE:-}" ]]; then
	port=$((port + 1))
	launch image "$port" "$OUT/profile.log" -Xlog:startuptime:file="$OUT/startuptime.log" \
		-XX:StartFlightRecording=filename="$OUT/profile.jfr",settings=profile
	await_ready "$port" profile
	for task in /proc/"$pid"/task/*; do
		echo "$(cat "$task/comm") $(awk '{sub(/^[0-9]+ \([^)]*\) /, ""); print int(($12 + $13) * 10)}' "$task/stat")"
	done | sed -E 's/[-#]?[0-9]+ ([0-9]+)$/ \1/' | awk '{n = $NF; $NF = ""; a[$0] += n} END {for (k in a) if (a[k] > 0) print a[k] " ms\t" k}' |
		sort -rn >"$OUT/threads.txt"
	"$JDK25/bin/jcmd" "$pid" JFR.dump name=1 filename="$OUT/profile.jfr" >/dev/null
	kill -TERM "$pid"
	wait "$pid" || true
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
column() { awk -v v="$1" -v c="$2" '$1 == v {print $c}' "$results"; }
baseline17=$(column jdk17 3 | median)
echo
echo "Start-up of $(basename "$jar") as the image runs it, $RUNS starts per variant (median; min-max), $(nproc) cores, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
echo "JDK 17: $("$JDK17/bin/java" -version 2>&1 | head -1); JDK 25: $("$JDK25/bin/java" -version 2>&1 | head -1)"
echo "Image: JAVA_TOOL_OPTIONS=\"$image_tool_options\", ENTRYPOINT options ${image_options[*]//$app\//\/app\/}, -XX:MaxRAM=$CONTAINER_MEMORY for the container limit"
echo
echo "| variant | time to ready (ms) | vs jdk17 | CPU at ready (ms) | RSS at ready (MiB) | load average (1 min) at ready |"
echo "| --- | --- | --- | --- | --- | --- |"
for variant in "${variants[@]}"; do
	ready=$(column "$variant" 3 | median)
	min=$(column "$variant" 3 | sort -n | head -1)
	max=$(column "$variant" 3 | sort -n | tail -1)
	cpu=$(column "$variant" 5 | median)
	rss=$(column "$variant" 4 | median)
	loads="$(column "$variant" 6 | sort -n | head -1)-$(column "$variant" 6 | sort -n | tail -1)"
	ratio=$(awk -v a="$ready" -v b="$baseline17" 'BEGIN {printf "%.2fx", a / b}')
	printf '| %s | %d (%d-%d) | %s | %d | %d | %s |\n' "$variant" "$ready" "$min" "$max" "$ratio" "$cpu" "$((rss / 1024))" "$loads"
done
if [[ -s "$load_results" ]]; then
	echo
	echo "Under load ($LOAD_SECONDS s of wrk -t2 -c32, GET of an unknown import, answered $(awk '{print $6}' "$load_results" | sort -u | tr '\n' ' '))"
	echo
	echo "| variant | RSS at ready (MiB) | peak RSS under load (MiB) | requests/s | p99 | load average (1 min) after |"
	echo "| --- | --- | --- | --- | --- | --- |"
	while read -r variant ready peak rps p99 _ load; do
		printf '| %s | %d | %d | %s | %s | %s |\n' "$variant" "$((ready / 1024))" "$((peak / 1024))" "$rps" "$p99" "$load"
	done <"$load_results"
fi
if [[ -n "${PROFILE:-}" ]]; then
	echo
	echo "Profiled start of image: CPU per JVM thread at ready ($OUT/threads.txt):"
	head -8 "$OUT/threads.txt"
	echo
	echo "JVM phases (-Xlog:startuptime):"
	grep -E 'Create VM|Genesis|Initialize' "$OUT/startuptime.log" | head -8 || true
	echo
	echo "Hottest frames of the start (JFR, bench/common/jfr-top.py $OUT/profile.jfr):"
	python3 bench/common/jfr-top.py "$OUT/profile.jfr" 15 || true
fi
