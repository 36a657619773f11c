# syntax=docker/dockerfile:1
# Image of ops-console (the operators' page), built from the Spring Boot executable jar that Maven leaves in ops-console/target.
# Build from the repository root (the build context must be the root; ops-console.Dockerfile.dockerignore
# keeps everything but that jar out of it):
#   mvn -B -DskipTests package
#   docker build -f docker/ops-console.Dockerfile -t cqrs-outbox/ops-console:0.1.0 .
# The jar name follows the module's artifactId and version (pom.xml); deploy-tests fails if they drift apart.

# Stage 1: split the fat jar into Spring Boot's layers, so that a code change only rebuilds the small top layer.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /build
COPY ops-console/target/ops-console-0.1.0-SNAPSHOT-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image. Non-root, and nothing is written outside /tmp, so a read-only root file system works
# (Kubernetes mounts an emptyDir at /tmp; compose uses a tmpfs).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most often changed: third-party jars, the loader, our SNAPSHOT jars (admin-security), then our classes.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8083
# MaxRAMPercentage gives the heap half the container's memory limit; the other half is for what the JVM needs beside
# it (docs/OPERATIONS.md, "Memory"). ExitOnOutOfMemoryError lets the orchestrator restart a JVM that ran out of heap
# instead of leaving it limping. The last two flags only silence JDK 25 warnings in
# the services (kafka-clients, Netty/zstd); the console has neither, and keeps them so that all three images start alike.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
