#!/usr/bin/env bash
# Trains also-bought on a simulated catalogue (default 100,000 items, 1,000,000 baskets) with the
# heap capped (default 8g) and prints the wall-clock time, the peak heap in use (the largest heap
# before a GC pause, from the GC log), the largest live heap after one, and the JVM's peak resident memory.
#
#   scripts/also-bought-scale.sh                          # 100k items, 1M baskets, 8g heap
#   ITEMS=10000 BASKETS=100000 scripts/also-bought-scale.sh --eval-splits 21
#
# Extra arguments go to `./aisle train also-bought`. Files: target/also-bought-scale/.
set -euo pipefail

cd "$(dirname "$0")/.."
items="${ITEMS:-100000}"
baskets="${BASKETS:-1000000}"
heap="${HEAP:-8g}"
seed="${SEED:-7}"
out="target/also-bought-scale"
mkdir -p "$out"
file="$out/baskets-$items-$baskets-$seed.csv"
if [[ ! -s "$file" ]]; then
  ./aisle simulate baskets --items "$items" --baskets "$baskets" --seed "$seed" --out "$file"
fi
rm -rf "$out/registry" "$out/gc.log"
started=$(date +%s.%N)
AISLE_HEAP="$heap" JAVA_TOOL_OPTIONS="-Xlog:gc:file=$out/gc.log" /usr/bin/time -f '%M' -o "$out/rss-kb" \
  ./aisle train also-bought --baskets "$file" --tenant demo --registry "$out/registry" --report "$out/report.json" "$@"
finished=$(date +%s.%N)
# G1 pause lines read "... 1234M->567M(8192M) ...": the heap in use before the pause, and after it (what
# was still live).
peak_mb=$(grep -o '[0-9]*M->' "$out/gc.log" | sed 's/M->//' | sort -n | tail -1)
live_mb=$(grep -o -- '->[0-9]*M' "$out/gc.log" | sed 's/->//; s/M//' | sort -n | tail -1)
echo "also-bought-scale: $items items, $baskets baskets, heap cap $heap:" \
  "$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f", b - a }') s wall clock," \
  "peak heap in use ${peak_mb:-?} MB (live after GC ${live_mb:-?} MB), peak RSS $(( $(cat "$out/rss-kb") / 1024 )) MB"
