# wfm-agent-sync container image: the connector only. The simulated Genesys Cloud (the sandbox
# module) and the quick start are built by Maven too, but nothing of them is copied here, and
# WFM_MODE=genesys below makes the connector talk to a real org or refuse to start.
#
# Build the jar first with Maven, then build the image; Maven does not run inside the image build:
#   mvn -B -DskipTests package          # -> target/wfm-agent-sync.jar and target/lib/
#   docker build -t wfm-agent-sync .
# Run it against a real org; without these settings it exits with status 1 and its log names each
# one that is missing:
#   docker run -d --name wfm-agent-sync -v wfm-data:/opt/wfm-agent-sync/data -p 127.0.0.1:9876:9876 \
#     -e WFM_API_TOKEN=... -e GENESYS_REGION=... -e GENESYS_CLIENT_ID=... -e GENESYS_CLIENT_SECRET=... \
#     -e GENESYS_PRESENCE_SOURCE_ID=... -e LEGACY_AGENTS_URL=... wfm-agent-sync
# It logs to stdout, one readable line per event; -e WFM_LOG_FORMAT=json makes that one JSON object
# per line, with the run id, agent id and kind of event as fields (docs/operations.md#json-logs).
# The connector waits up to camel.main.shutdown-timeout (30 s) for in-flight work when it is
# stopped, so give it more than Docker's default 10 s: `docker stop -t 40`.
# Edited routes or settings without a rebuild: bind-mount over /opt/wfm-agent-sync/routes or
# /opt/wfm-agent-sync/config (read-only is enough: the connector only reads them).
#
# The base image only needs a Java 17+ runtime with `java` on PATH, plus useradd and bash (used by
# the HEALTHCHECK); eclipse-temurin:17-jre (Ubuntu) and Debian's openjdk-17-jre-headless both do.
# .ci/check-container builds this file from a locally made Debian base, with no Docker engine.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# Non-root user with a fixed numeric id (so `runAsNonRoot` can verify it) in group 0, so that a
# platform running the image under an arbitrary uid in group 0 can still write data/.
RUN useradd --no-log-init --uid 10001 --gid 0 --home-dir /opt/wfm-agent-sync --no-create-home \
        --shell /usr/sbin/nologin wfm

WORKDIR /opt/wfm-agent-sync

# Dependencies first: they change less often than the connector, so their layer stays cached.
# Everything copied is owned by root and read-only to the connector.
COPY target/lib/ lib/
COPY target/wfm-agent-sync.jar ./
COPY config/ config/
COPY routes/ routes/

# The embedded H2 database; the only place the connector writes.
RUN mkdir -p data && chown 10001:0 data && chmod 0770 data
VOLUME /opt/wfm-agent-sync/data

# A real Genesys Cloud org only: the image has no sandbox to fall back to, and a start with a
# setting missing fails naming it instead of running against anything else.
ENV WFM_MODE=genesys

# The management server (/observe/health, /observe/metrics) listens on all of the container's
# interfaces so that it can be published; config/application.properties keeps it on loopback
# outside a container. Whether the port is reachable beyond the host is then the operator's
# choice (`-p 127.0.0.1:9876:9876`, a private network, or not published at all). Because the
# dead-letter API (replay, discard) is then reachable beyond loopback, the connector refuses to
# start without WFM_API_TOKEN; callers send `Authorization: Bearer <token>`. Health and metrics
# stay unauthenticated.
ENV CAMEL_MANAGEMENT_HOST=0.0.0.0 \
    LANG=C.UTF-8 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 9876

USER 10001

# Uses bash's /dev/tcp, so no curl or wget has to be added to the image; Camel answers 503 while a
# health check is DOWN, and the connector keeps running without its management server if port
# 9876 cannot be bound, which this then reports as unhealthy. It asks 127.0.0.1:9876, so it assumes
# CAMEL_MANAGEMENT_HOST is 0.0.0.0 or 127.0.0.1. The port cannot be moved with
# CAMEL_MANAGEMENT_PORT (Camel ignores environment variables ending in _PORT, taking them for
# Kubernetes service links): use -Dcamel.management.port in JAVA_TOOL_OPTIONS or the config file,
# and override this HEALTHCHECK to match. podman/buildah keep HEALTHCHECK only with
# `--format docker` (the OCI image format has no such field).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/9876 && printf 'GET /observe/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 4 proto status rest <&3 && [ \"$status\" = 200 ]"]

# config/jvm.options: the JVM options of the connector as a service (its comments say why).
ENTRYPOINT ["java", "@config/jvm.options", "-jar", "wfm-agent-sync.jar"]
