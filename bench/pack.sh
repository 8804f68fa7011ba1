#!/usr/bin/env bash
# Times packaging: `dotnet pack AkkaCompute.Packages.slnf -c Release` (AkkaCompute.Compute, .Node, .Client and the akc
# tool) into a temp artifacts folder, then `dotnet tool install` of akc into a temp --tool-path, then `akc --version`
# from there. Prints one JSON object per line: {"metric": NAME, "value": SECONDS, "unit": "s"}, plus the sizes of the
# packages in bytes. Run it on a quiet machine; the first pack after a source change includes the Release build.
# usage: bench/pack.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
version="$(sed -n 's:.*<AkkaComputeVersion>\(.*\)</AkkaComputeVersion>.*:\1:p' "$here/Directory.Build.props")"

timed() { # timed NAME COMMAND...: runs COMMAND with /usr/bin/time and prints its wall-clock seconds as NAME
  local name="$1"; shift
  /usr/bin/time -f '%e' -o "$tmp/time" "$@" >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; exit 1; }
  printf '{"metric":"%s","value":%s,"unit":"s"}\n' "$name" "$(cat "$tmp/time")"
}

timed pack_s dotnet pack "$here/AkkaCompute.Packages.slnf" -c Release -o "$tmp/artifacts" -v q -nologo
timed pack_again_s dotnet pack "$here/AkkaCompute.Packages.slnf" -c Release -o "$tmp/artifacts" -v q -nologo
NUGET_PACKAGES="$tmp/nuget" timed tool_install_s dotnet tool install --tool-path "$tmp/tools" --add-source "$tmp/artifacts" --version "$version" akc
timed tool_version_s "$tmp/tools/akc" --version
for p in "$tmp"/artifacts/*.nupkg; do
  printf '{"metric":"size_%s","value":%s,"unit":"bytes"}\n' "$(basename "$p" ".$version.nupkg")" "$(stat -c %s "$p")"
done
