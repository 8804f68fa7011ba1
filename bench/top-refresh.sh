#!/usr/bin/env bash
# What `akc top` costs: starts one `akc node` (Release, through ./akc) on free loopback ports with TASKS shell tasks that
# report progress and stay running, then for each case (tab x --interval) runs `akc top` in a detached 120x40 tmux
# session for SECONDS and reads, from /proc, the CPU time (user + system) of the node and of `akc top` over that window
# (after a warm-up of WARMUP seconds), next to the node's CPU over idle windows of the same length without `akc top`
# (one after the node's own warm-up, before the cases, and one after them).
# Prints one JSON object per line:
#   {"case":"tasks@1s","seconds":20,"polls":20,"topCpuMsPerRefresh":..,"nodeCpuMsPerSecond":..,"nodeIdleCpuMsPerSecond":..,
#    "nodeExtraCpuMsPerRefresh":..}
# polls = SECONDS / interval (only the shown tab is polled, one HTTP request per poll; see akc top --help).
# The warm-up matters: a fresh `akc top` spends its first ~20 s JIT-compiling (tiered compilation), about 30 ms of CPU per
# refresh, then settles at a few ms; the default warm-up of 30 s measures the settled cost.
# TASKS=0 leaves the node idle, so its extra CPU while top polls stands out of less noise.
# usage: bench/top-refresh.sh [SECONDS=20] [TASKS=50] [WARMUP=30]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-20}"; tasks="${2:-50}"; warmup="${3:-30}"
command -v tmux >/dev/null || { echo "bench/top-refresh.sh: needs tmux (.ci/packages installs it)" >&2; exit 2; }
"$here/akc" --help >/dev/null                       # builds akc once (Release, .akc/bin)
akc_dll="$here/.akc/bin/akc.dll"
work="$(mktemp -d)"; sock="akc-top-bench-$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"; mport="$(free_port)"
export AKC_BENCH_TOKEN="bench-$$"
dotnet "$akc_dll" node --config "$here/hocon/lan.conf" --hostname 127.0.0.1 --port "$port" --seed "akka.tcp://akc@127.0.0.1:$port" \
  --set "management.port=$mport" --set "storage.data-dir=$work/data" --set management.token-env=AKC_BENCH_TOKEN \
  --set "executor.max-concurrent=$(( tasks > 0 ? tasks : 4 ))" --log-level information >"$work/node.log" 2>&1 &
node_pid=$!
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; touch "$work/go"; kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
endpoint="http://127.0.0.1:$mport"
for _ in $(seq 1 120); do curl -fs "$endpoint/api/v1/nodes" 2>/dev/null | grep -q '"Up"' && break; sleep 0.5; done
batch="$(python3 - "$tasks" "$work/go" <<'PY'
import json, sys
n, go = int(sys.argv[1]), sys.argv[2]
cmd = "i=0; while [ ! -e '%s' ]; do i=$(( (i + 1) %% 100 )); echo \"::progress $i%%\"; sleep 0.5; done" % go
print(json.dumps([{"id": "top-bench-%03d" % k, "shell": cmd, "timeout": "1h"} for k in range(n)]))
PY
)"
[ "$tasks" -gt 0 ] && curl -fs -XPOST -H "Authorization: Bearer $AKC_BENCH_TOKEN" "$endpoint/api/v1/jobs?job=top-bench" --data-binary "$batch" >/dev/null
for _ in $(seq 1 120); do [ "$(curl -fs "$endpoint/api/v1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["node"]["running"])')" = "$tasks" ] && break; sleep 0.5; done
tck="$(getconf CLK_TCK)"
cpu_ms() { awk -v t="$tck" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }
sleep "$warmup"                                     # the node's own warm-up (JIT, gossip) before its idle window
idle_start="$(cpu_ms "$node_pid")"; sleep "$seconds"; idle_end="$(cpu_ms "$node_pid")"
idle_rate="$(awk -v a="$idle_start" -v b="$idle_end" -v s="$seconds" 'BEGIN { printf "%.1f", (b - a) / s }')"
run_case() { # name tab-key interval interval-seconds
  local name="$1" keys="$2" interval="$3" every="$4"
  tmux -L "$sock" new-session -d -s top -x 120 -y 40 "exec dotnet '$akc_dll' top -e '$endpoint' --interval $interval"
  sleep 1
  [ -n "$keys" ] && tmux -L "$sock" send-keys -t top $keys
  sleep "$warmup"
  local top_pid; top_pid="$(tmux -L "$sock" list-panes -t top -F '#{pane_pid}')"
  local t0 n0 t1 n1
  t0="$(cpu_ms "$top_pid")"; n0="$(cpu_ms "$node_pid")"; sleep "$seconds"; t1="$(cpu_ms "$top_pid")"; n1="$(cpu_ms "$node_pid")"
  tmux -L "$sock" send-keys -t top q; sleep 1; tmux -L "$sock" kill-server 2>/dev/null || true
  awk -v name="$name" -v s="$seconds" -v e="$every" -v t0="$t0" -v t1="$t1" -v n0="$n0" -v n1="$n1" -v idle="$idle_rate" 'BEGIN {
    polls = s / e; node = (n1 - n0) / s;
    printf "{\"case\":\"%s\",\"seconds\":%d,\"polls\":%d,\"topCpuMsPerRefresh\":%.2f,\"nodeCpuMsPerSecond\":%.1f,\"nodeIdleCpuMsPerSecond\":%.1f,\"nodeExtraCpuMsPerRefresh\":%.2f}\n",
      name, s, polls, (t1 - t0) / polls, node, idle, (node - idle) * s / polls }'
}
run_case "workers@1s" "" 1s 1
run_case "tasks@1s" "Tab" 1s 1
run_case "logs@1s" "Tab Tab" 1s 1
run_case "tasks@200ms" "Tab" 200ms 0.2
idle2_start="$(cpu_ms "$node_pid")"; sleep "$seconds"; idle2_end="$(cpu_ms "$node_pid")"
echo "{\"nodeIdleCpuMsPerSecondAfter\":$(awk -v a="$idle2_start" -v b="$idle2_end" -v s="$seconds" 'BEGIN { printf "%.1f", (b - a) / s }')}"
echo "{\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"runningTasks\":$tasks}"
