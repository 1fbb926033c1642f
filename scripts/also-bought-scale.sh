#!/usr/bin/env bash
# Trains also-bought on a simulated catalogue (default 100,000 items, 1,000,000 baskets) with the
# heap capped (default 8g) and prints the wall-clock time, the peak heap in use (the largest heap
# before a GC pause, from the GC log), the largest live heap after one, the JVM's peak resident memory and its CPU
# time (on a shared machine, what share of the cores the job got).
# With --eval-splits N it also prints every method's mean (sd) HR@10 over the splits and, where dense EASE fits
# (--ease-max-items) and another measure is the one trained, the per-split gap of dense EASE over it.
#
#   scripts/also-bought-scale.sh                          # 100k items, 1M baskets, 8g heap
#   ITEMS=10000 BASKETS=100000 scripts/also-bought-scale.sh --similarity neighbourhood-ease --eval-splits 21
#   ITEMS=2500 BASKETS=25000 scripts/also-bought-scale.sh --similarity neighbourhood-ease --eval-splits 21
#
# Extra arguments go to `./aisle train also-bought`. Files: target/also-bought-scale/.
set -euo pipefail

cd "$(dirname "$0")/.."
items="${ITEMS:-100000}"
baskets="${BASKETS:-1000000}"
heap="${HEAP:-8g}"
seed="${SEED:-7}"
out="target/also-bought-scale"
report="$out/report-$items-$baskets-$seed.json"
mkdir -p "$out"
file="$out/baskets-$items-$baskets-$seed.csv"
if [[ ! -s "$file" ]]; then
  ./aisle simulate baskets --items "$items" --baskets "$baskets" --seed "$seed" --out "$file"
fi
rm -rf "$out/registry" "$out/gc.log"
started=$(date +%s.%N)
AISLE_HEAP="$heap" JAVA_TOOL_OPTIONS="-Xlog:gc:file=$out/gc.log" /usr/bin/time -f '%M %U %S' -o "$out/usage" \
  ./aisle train also-bought --baskets "$file" --tenant demo --registry "$out/registry" --report "$report" "$@"
finished=$(date +%s.%N)
read -r rss_kb user_s system_s < "$out/usage"
# G1 pause lines read "... 1234M->567M(8192M) ...": the heap in use before the pause, and after it (what
# was still live).
peak_mb=$(grep -o '[0-9]*M->' "$out/gc.log" | sed 's/M->//' | sort -n | tail -1)
live_mb=$(grep -o -- '->[0-9]*M' "$out/gc.log" | sed 's/->//; s/M//' | sort -n | tail -1)
echo "also-bought-scale: $items items, $baskets baskets, heap cap $heap:" \
  "$(awk -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f", b - a }') s wall clock," \
  "peak heap in use ${peak_mb:-?} MB (live after GC ${live_mb:-?} MB), peak RSS $(( rss_kb / 1024 )) MB," \
  "CPU $(awk -v u="$user_s" -v s="$system_s" -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f s (%.0f%% of one core)", u + s, 100 * (u + s) / (b - a) }')"

if jq -e '.evaluation.splits' "$report" >/dev/null; then
  # Sample standard deviation, as RepeatedSplits computes it.
  jq -r '.evaluation.splits as $s | ($s.seeds | length) as $n
    | def sd(xs): (xs | add / length) as $m | if $n < 2 then 0 else ((xs | map((. - $m) * (. - $m)) | add) / ($n - 1)) | sqrt end;
    "HR@10 over \($n) splits (seeds \($s.seeds[0])-\($s.seeds[-1])), similarity \(.parameters.similarity) as aisle:",
    ($s.mean | keys_unsorted[] as $m | "  \($m): mean \($s.mean[$m]["hr@10"] * 10000 | round / 10000) sd \($s.sd[$m]["hr@10"] * 10000 | round / 10000)"),
    (if $s.mean.ease and .parameters.similarity != "ease" then
       [$s["by-seed"][] | .results.ease["hr@10"] - .results.aisle["hr@10"]] as $gap
       | "  ease - aisle per split: mean \($gap | add / length * 10000 | round / 10000) sd \(sd($gap) * 10000 | round / 10000)"
         + " min \($gap | min * 10000 | round / 10000) max \($gap | max * 10000 | round / 10000)"
     else empty end)' "$report"
fi
