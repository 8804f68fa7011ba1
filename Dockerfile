# syntax=docker/dockerfile:1
# The akc image: one image for every node of docker-compose.yml (seeds and workers alike).
#
#   docker build -t akkacompute/akc .
#   docker run --rm akkacompute/akc --help          # arguments go to `akc node`
#
# Build stage: the official .NET SDK image publishes the CLI (framework-dependent, Release).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# What the CLI's build reads: the shared build settings, the banned-API list, the embedded HOCON
# defaults (hocon/akka.conf, hocon/reference.conf) and the projects under src/.
COPY Directory.Build.props BannedSymbols.txt ./
COPY hocon/ hocon/
COPY src/ src/
RUN dotnet publish src/AkkaCompute.Cli/AkkaCompute.Cli.csproj -c Release -o /app -nologo

# Runtime stage: the official ASP.NET Core runtime image (akc node's management endpoint runs on
# Kestrel, so the CLI references the Microsoft.AspNetCore.App shared framework, which the plain
# runtime image lacks). It brings a non-root user, app ($APP_UID).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/ /app/
# The profiles: /etc/akc/docker.conf (the ENTRYPOINT's) includes lan.conf beside it.
COPY hocon/ /etc/akc/
# `akc` on PATH, for `docker compose exec seed1 akc cluster show`; curl for the health check
# (GET /healthz/ready; the runtime image has neither curl nor wget).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && printf '#!/bin/sh\nexec dotnet /app/akc.dll "$@"\n' > /usr/local/bin/akc \
 && chmod 0755 /usr/local/bin/akc \
 && mkdir -p /var/lib/akc \
 && chown "$APP_UID" /var/lib/akc
# The node's durable state (akc.storage.data-dir in docker.conf); a new named volume mounted here
# starts as a copy of this directory, owned by app.
VOLUME ["/var/lib/akc"]
USER $APP_UID
# Akka.Remote (akka.remote.dot-netty.tcp.port in docker.conf). The management endpoint (9110)
# listens on the container's loopback only.
EXPOSE 2552
# Exec form: akc is PID 1 and receives SIGTERM from `docker stop`, leaves the cluster gracefully
# (Akka's coordinated shutdown) and exits 0. Give each container its name on the network:
#   docker run ... akkacompute/akc --hostname seed1
ENTRYPOINT ["dotnet", "/app/akc.dll", "node", "--config", "/etc/akc/docker.conf"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:9110/healthz/ready"]
