#!/usr/bin/env bash
# Measures the app as a user meets it: the time from launch until the record is open
# (the "record opened" log line: database opened and migrated, window being built),
# the memory of every process of the app (main, WebKitWebProcess,
# WebKitNetworkProcess) a few seconds after launch, as RSS (counts shared libraries
# once per process) and PSS (shares them out), and the size of the binary.
# Usage: scripts/measure.sh [BINARY] [SECONDS]
set -euo pipefail
bin=${1:-target/release/canon-desk}
wait_s=${2:-5}
[ -x "$bin" ] || { echo "measure: $bin is not built" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" sh -c "
  start=\$(date +%s%N)
  '$bin' --data-dir '$data' >/dev/null 2>'$data/log' &
  app=\$!
  while ! grep -q 'record opened' '$data/log' 2>/dev/null; do
    sleep 0.01
    [ \$(( (\$(date +%s%N) - start) / 1000000 )) -lt 30000 ] || break
  done
  printf 'record opened after %d ms\n' \$(( (\$(date +%s%N) - start) / 1000000 ))
  sleep $wait_s
  pids=\"\$app \$(pgrep -P \$app | tr '\n' ' ')\"
  for c in \$(pgrep -P \$app); do pids=\"\$pids \$(pgrep -P \$c | tr '\n' ' ')\"; done
  rss=0; pss=0
  for p in \$pids; do
    [ -r /proc/\$p/smaps_rollup ] || continue
    r=\$(awk '/^Rss:/{print \$2}' /proc/\$p/smaps_rollup); s=\$(awk '/^Pss:/{print \$2}' /proc/\$p/smaps_rollup)
    printf '  %-8s %-24s RSS %6d KiB  PSS %6d KiB\n' \$p \"\$(cat /proc/\$p/comm)\" \$r \$s
    rss=\$((rss + r)); pss=\$((pss + s))
  done
  printf 'total after %ss: RSS %d MiB, PSS %d MiB\n' $wait_s \$((rss / 1024)) \$((pss / 1024))
  kill \$app; wait \$app 2>/dev/null || true
"
printf 'binary %s: %s\n' "$bin" "$(du -h "$bin" | cut -f1)"
