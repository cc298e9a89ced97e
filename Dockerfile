# syntax=docker/dockerfile:1
# docker build -t pinpoint-import-service:0.1.0 .
# See the README ("Build the image") for running it.

# --- build: the jar, with the Maven wrapper, then Spring Boot's layers extracted
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/main/ src/main/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -Dmaven.test.skip=true package \
 && java -Djarmode=tools -jar target/pinpoint-import-service-*.jar extract \
      --layers --application-filename pinpoint-import-service.jar --destination /layers

# --- run: Temurin JRE 25, non-root, read-only root filesystem friendly (writes only to /tmp)
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most frequently changed, so a new release pulls only the last layers.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
# Heap sized from the container's memory limit; die (and get restarted) rather than limp on
# after an OutOfMemoryError. G1 named: in a container under 1792 MB (the chart's is 768 MiB) the
# JVM would pick Serial by itself, whose heap under sustained load grows to its maximum (RSS
# 800 MiB after 2 minutes, over the chart's limit) where G1 stayed near 420 MiB (BENCHMARKS.md,
# "Start-up and footprint"); the training run below (no limit in `docker build`) then uses the
# same collector as every start.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
# JDK AOT cache (JEP 483/514/515): a training run that starts the service, answers the probes
# and a few requests, and is stopped with SIGTERM records the loaded and linked classes and the
# method profiles of the whole way to ready. The build has no database, so the training run
# skips Flyway and names the JDBC dialect; the connection pool never connects during it.
RUN --mount=type=bind,source=src/main/docker/train-aot-cache.sh,target=/tmp/train-aot-cache.sh \
    bash /tmp/train-aot-cache.sh /app/pinpoint-import-service.jar /app/pinpoint-import-service.aot
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:AOTCache=/app/pinpoint-import-service.aot", "-jar", "/app/pinpoint-import-service.jar"]
