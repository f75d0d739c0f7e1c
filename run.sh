#!/usr/bin/env bash
# Runs a Patchstorm experiment; builds first when the sources changed since the last build.
#   ./run.sh [EXPERIMENT.conf] [--seed N] [--set path=value]... [--out DIR] [--quiet] [--control] [--pace X] [--control-file PATH|-]
#   ./run.sh --live [--port N] [--bind ADDR] [--token T] [--linger SECONDS] [--pace X] [EXPERIMENT.conf]   (dashboard)
#   ./run.sh --cluster N EXPERIMENT.conf          (N member JVMs on this host)
#   ./run.sh member [--join HOST:PORT] [--bind HOST:PORT] [--tls DIR]
#   ./run.sh sweep SWEEP.conf [--parallel N] [--out DIR] | ./run.sh sweep --resume DIR
#   ./run.sh compare RESULTS_A RESULTS_B [...] [--out DIR]
#   ./run.sh --help
# Environment: PATCHSTORM_HEAP (max heap, e.g. 16g; default 75% of RAM), JAVA_OPTS (extra JVM flags).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ -n "${PATCHSTORM_HEAP:-}" ] && ! [[ "$PATCHSTORM_HEAP" =~ ^[0-9]+[kKmMgGtT]?$ ]]; then
  echo "Error: PATCHSTORM_HEAP=$PATCHSTORM_HEAP is not a heap size; write a number with k, m, g or t, e.g. PATCHSTORM_HEAP=512m or PATCHSTORM_HEAP=16g." >&2
  exit 2
fi
STAMP="$HERE/actors/target/.patchstorm-built"

needs_build() {
  [ -f "$STAMP" ] || return 0
  [ -n "$(find "$HERE/pom.xml" "$HERE/core" "$HERE/actors" \
      \( -path '*/target' -prune \) -o -type f -newer "$STAMP" -print -quit)" ]
}

if needs_build; then
  echo "Building Patchstorm (first run, or sources changed)..." >&2
  log="$(mktemp)"
  if ! "$HERE/mvnw" -B -q -DskipTests -f "$HERE/pom.xml" package >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "Error: the build failed (see above)." >&2
    exit 2
  fi
  rm -f "$log"
  touch "$STAMP"
fi

CLASSPATH="$(ls "$HERE"/actors/target/patchstorm-actors-*.jar | head -n 1):$HERE/actors/target/lib/*"

# ParallelGC: 2-2.6x faster than G1 with millions of small actors. Transparent huge pages:
# delivering to a million actors touches memory all over the heap; fewer TLB misses made the
# ping benchmark 1.6x faster at 100 k peers (one run each way, on a busy machine).
HEAP_FLAGS="-XX:MaxRAMPercentage=75"
if [ -n "${PATCHSTORM_HEAP:-}" ]; then
  HEAP_FLAGS="-Xmx${PATCHSTORM_HEAP}"
fi

COMMIT=""
if git -C "$HERE" rev-parse --short HEAD >/dev/null 2>&1; then
  COMMIT="$(git -C "$HERE" rev-parse --short HEAD)"
  if [ -n "$(git -C "$HERE" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    COMMIT="$COMMIT-dirty"
  fi
fi

# shellcheck disable=SC2086
exec java -XX:+UseParallelGC -XX:+UseTransparentHugePages $HEAP_FLAGS -Xss1m ${JAVA_OPTS:-} \
  -Dpatchstorm.home="$HERE" -Dpatchstorm.git.commit="$COMMIT" \
  -cp "$CLASSPATH" org.patchstorm.actors.cli.Main "$@"
