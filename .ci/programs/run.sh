#!/usr/bin/env bash
# The real programs on the generated files: each program that reads a file this repository
# generates is run, at the version the configs pin (or the nearest one the registries hold), on
# 127.0.0.1, against the committed production tree (hosts and paths changed only), and every
# process it starts is stopped by its PID at the end. Prints how long each part took.
#
#   .ci/programs/run.sh [PART...]      # parts, in this order (each needs those before it): databases vault vault-bootstrap vault-ha pgbouncer unleash backup kafka prometheus exporters passwords
set -euo pipefail
cd "$(dirname "$0")/../.."
PARTS=("$@")
if [ ${#PARTS[@]} -eq 0 ]; then PARTS=(databases vault vault-bootstrap vault-ha pgbouncer unleash backup kafka prometheus exporters passwords); fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/neotool-programs.XXXXXX")
export WORK
source .ci/programs/lib.sh
: > "$WORK/pids"; : > "$WORK/state"
stop_all() {
  local pid
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$WORK/pids"
    while read -r pid; do
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done < "$WORK/pids"
  fi
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap stop_all EXIT

TIMES=()
part() {
  local name="$1" started=$SECONDS; shift
  echo "== $name"
  "$@"
  TIMES+=("$(printf '%-12s %4d s' "$name" $((SECONDS - started)))")
}
started=$SECONDS
source .ci/programs/install.sh
TIMES+=("$(printf '%-12s %4d s' install $((SECONDS - started)))")
if [ "$(id -u)" = 0 ]; then chown "$HARNESS_USER" "$WORK"; fi
chmod 755 "$WORK"
for p in "${PARTS[@]}"; do
  part "$p" ".ci/programs/$p.sh"
done
echo "== times"
printf '%s\n' "${TIMES[@]}"
