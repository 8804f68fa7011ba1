#!/usr/bin/env bash
# Runs the network-partition tests of the cluster (tests/AkkaCompute.Cli.Tests/Cluster/Netns): five `akc node` processes, each
# in its own network namespace joined by veth pairs to a bridge, are split 3 | 2, and in a second case cut one way only (the
# 2 cannot send to the 3; blackhole routes). Either way: never two sides that both go on as a cluster. They need root and iproute2, so they are not
# part of `dotnet test AkkaCompute.sln`: this script compiles them in (-p:AkcNetnsTests=true) and runs only them. .ci/run
# calls it after the solution's tests (CI runs as root) and adds its counts to the closing line.
#
#   sudo tests/AkkaCompute.Cli.Tests/Cluster/Netns/run-partition-tests.sh
#
# Exit code: dotnet test's (0 when the tests pass); 2 when a precondition is missing.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "run-partition-tests: needs root to create network namespaces (try: sudo $0)" >&2
  exit 2
fi
if ! command -v ip >/dev/null; then
  echo "run-partition-tests: needs iproute2's ip command (apt-get install iproute2)" >&2
  exit 2
fi
if ! command -v curl >/dev/null; then
  echo "run-partition-tests: needs curl, used to read each node's management endpoint inside its namespace" >&2
  exit 2
fi
repo="$(cd "$(dirname "$0")/../../../.." && pwd)"
exec dotnet test "$repo/tests/AkkaCompute.Cli.Tests/AkkaCompute.Cli.Tests.csproj" -p:AkcNetnsTests=true \
  --filter "FullyQualifiedName~AkkaCompute.Cli.Tests.Cluster.Netns" "$@"
