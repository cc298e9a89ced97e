# Sourced by bench scripts (from the repository root) that run the service as the image runs it:
# `image_app DIR` rebuilds the image's /app in DIR (the jar extracted with Spring Boot's layers,
# merged as the Dockerfile's COPYs do), trains its AOT cache with the Dockerfile's own training
# script (no database, no AWS settings, as in `docker build`), and sets
#   IMAGE_JAVA      the JDK 25 java that stands for the image's JRE 25 (JDK25 to change)
#   IMAGE_APP            DIR, as an absolute path
#   IMAGE_JAR            DIR/pinpoint-import-service.jar
#   IMAGE_TOOL_OPTIONS   the image's JAVA_TOOL_OPTIONS
#   IMAGE_ENTRY_OPTIONS  the ENTRYPOINT's JVM options (the AOT cache), paths in DIR
#   IMAGE_OPTIONS        all of them as one command line, plus -XX:MaxRAM=CONTAINER_MEMORY (the
#                        chart's 768m by default) as the pod's memory limit
# The training run's log is DIR.train.log. Needs target/pinpoint-import-service-*.jar.
image_app() {
	local app=$1
	local jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
	local jar tool_options entrypoint
	jar=$(ls target/pinpoint-import-service-*.jar | grep -v '\.original$' | head -1)
	tool_options=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' Dockerfile)
	entrypoint=$(sed -n 's/^ENTRYPOINT //p' Dockerfile)
	grep -q 'train-aot-cache.sh /app/pinpoint-import-service.jar /app/pinpoint-import-service.aot' Dockerfile || {
		echo "The Dockerfile no longer trains its AOT cache with src/main/docker/train-aot-cache.sh" >&2
		return 1
	}
	rm -rf "$app" "$app.layers"
	"$jdk25/bin/java" -Djarmode=tools -jar "$jar" extract --layers --application-filename pinpoint-import-service.jar \
		--destination "$app.layers" >/dev/null
	mkdir -p "$app"
	for layer in dependencies spring-boot-loader snapshot-dependencies application; do
		cp -r "$app.layers/$layer/." "$app/"
	done
	app=$(cd "$app" && pwd)
	echo "training the image's AOT cache..." >&2
	(cd "$app" && JAVA="$jdk25/bin/java" JAVA_TOOL_OPTIONS="$tool_options" \
		bash "$OLDPWD/src/main/docker/train-aot-cache.sh" "$app/pinpoint-import-service.jar" \
		"$app/pinpoint-import-service.aot" 18179 >"$app.train.log" 2>&1) || {
		tail -30 "$app.train.log" >&2
		return 1
	}
	IMAGE_JAVA="$jdk25/bin/java"
	IMAGE_APP=$app
	IMAGE_JAR="$app/pinpoint-import-service.jar"
	IMAGE_TOOL_OPTIONS=$tool_options
	local -a entry
	mapfile -t entry < <(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); i=a.index("-jar"); print("\n".join(a[1:i]))' "$entrypoint")
	IMAGE_ENTRY_OPTIONS="${entry[*]//\/app\//$app/}"
	IMAGE_OPTIONS="$tool_options $IMAGE_ENTRY_OPTIONS -XX:MaxRAM=${CONTAINER_MEMORY:-768m}"
	export IMAGE_JAVA IMAGE_APP IMAGE_JAR IMAGE_TOOL_OPTIONS IMAGE_ENTRY_OPTIONS IMAGE_OPTIONS
}
