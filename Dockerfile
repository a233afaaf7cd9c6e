# syntax=docker/dockerfile:1
# Heymirror as an image: built with the Maven wrapper, run as a layered (exploded) jar on a
# JRE, as a non-root user, with a HEALTHCHECK on the readiness group.
#
#   docker build -t heymirror .
#   docker run -e DATABASE_URL=... -e HEYMARKET_API_KEY=... -e HEYMIRROR_API_KEYS=... -p 8080:8080 heymirror
#
# Needs BuildKit (the default builder since Docker 23) for the Maven cache mount.

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /workspace
# the wrapper and the pom first: their layer, and the downloaded dependencies, survive source edits
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:resolve dependency:resolve-plugins
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
	&& cp target/heymirror-*.jar application.jar
# one directory per layer, least to most often changed; --launcher keeps Boot's JarLauncher
RUN java -Djarmode=tools -jar application.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 heymirror \
	&& useradd --system --uid 10001 --gid heymirror --home-dir /app --no-create-home --shell /usr/sbin/nologin heymirror
WORKDIR /app
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
# numeric, so that Kubernetes' runAsNonRoot can verify it
USER 10001:10001
EXPOSE 8080
# a plain class from the application itself asks /actuator/health/readiness (no curl in a JRE image);
# the start period covers the database migration and a cold start
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
	CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/BOOT-INF/classes", "io.heymirror.ops.ContainerHealthCheck"]
# the heap follows the container's memory limit; add flags with JAVA_TOOL_OPTIONS
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
