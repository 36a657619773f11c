# syntax=docker/dockerfile:1
# Image of order-query-service, built from the Spring Boot executable jar that Maven leaves in order-query-service/target.
# Build from the repository root (the build context must be the root; order-query-service.Dockerfile.dockerignore
# keeps everything but that jar out of it):
#   mvn -B -DskipTests package
#   docker build -f docker/order-query-service.Dockerfile -t cqrs-outbox/order-query-service:0.1.0 .
# The jar name follows the module's artifactId and version (pom.xml); deploy-tests fails if they drift apart.

# Stage 1: split the fat jar into Spring Boot's layers, so that a code change only rebuilds the small top layer.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /build
COPY order-query-service/target/order-query-service-0.1.0-SNAPSHOT-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: the runtime image. Non-root, and nothing is written outside /tmp, so a read-only root file system works
# (Kubernetes mounts an emptyDir at /tmp; compose uses a tmpfs).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app
WORKDIR /app
# Least to most often changed: third-party jars, the loader, our SNAPSHOT jars (shared-events), then our classes.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
EXPOSE 8082
# MaxRAMPercentage gives the heap half the container's memory limit; the other half is for what the JVM needs beside
# it (docs/OPERATIONS.md, "Memory"). ExitOnOutOfMemoryError lets the orchestrator restart a JVM that ran out of heap
# instead of leaving it limping. The last two flags only silence JDK 25 warnings
# (kafka-clients' use of sun.misc.Unsafe, native access by Netty/zstd).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
