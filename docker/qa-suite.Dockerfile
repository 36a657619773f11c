# syntax=docker/dockerfile:1
# Image of the QA suite (the Job in k8s/qa-suite), built from the Spring Boot executable jar that Maven leaves in
# qa-suite/target, with kubectl for the kubernetes fault driver. Build from the repository root (the build context
# must be the root; qa-suite.Dockerfile.dockerignore keeps everything but that jar out of it):
#   mvn -B -DskipTests package
#   docker build -f docker/qa-suite.Dockerfile -t cqrs-outbox/qa-suite:0.1.0 .
# The jar name follows the module's artifactId and version (pom.xml); deploy-tests fails if they drift apart.

# Stage 1: split the fat jar into Spring Boot's layers, so that a code change only rebuilds the small top layer.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /build
COPY qa-suite/target/qa-suite-0.1.0-SNAPSHOT-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

# Stage 2: kubectl, checked against the checksum published beside it. Keep its minor version within one of the
# clusters' API servers (kubectl's version skew policy).
FROM debian:12-slim AS kubectl
ARG KUBECTL_VERSION=v1.33.0
ARG TARGETARCH=amd64
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && curl -fsSLo /kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl" \
 && curl -fsSLo /kubectl.sha256 "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl.sha256" \
 && echo "$(cat /kubectl.sha256)  /kubectl" | sha256sum --check \
 && chmod 0755 /kubectl

# Stage 3: the runtime image. Non-root, and nothing is written outside /tmp and the report directory, so a read-only
# root file system works (the Job mounts emptyDirs at /tmp and /reports).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app
COPY --from=kubectl /kubectl /usr/local/bin/kubectl
WORKDIR /app
# Least to most often changed: third-party jars, the loader, our SNAPSHOT jars (local-stack), then our classes.
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
# No port: the suite is a client. It ends with exit code 0 (passed), 1 (failed) or 2 (a mistake in its arguments).
# MaxRAMPercentage gives the heap half the container's memory limit, as in the services' images (docs/OPERATIONS.md,
# "Memory"); the last two flags only silence JDK 25 warnings.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "org.springframework.boot.loader.launch.JarLauncher"]
