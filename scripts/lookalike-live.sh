#!/usr/bin/env bash
# The look-alike store of one seed, in process and against a running server, compared receipt by receipt:
#   1. bench store --from-cameras --no-vision (and the seed's layout written out),
#   2. train vision on that layout into a fresh registry, approve it for tenant "demo",
#   3. bench store --from-cameras with that approved model (--registry),
#   4. a server on that registry: simulate store-live --from-cameras for tenant "demo" (approved model) and for
#      tenant "plain" (no model), each on the same seed.
# Every run writes its receipts one a line on the simulator's clock (--receipts); the script diffs the live run
# with the model against the bench run with the model, and the live run without against --no-vision, and prints
# the four F1s.
#
#   scripts/lookalike-live.sh SEED [MINUTES]     # MINUTES of shopper arrivals, default 2
#
# Exit status 0 when both pairs are equal receipt by receipt, 1 when any differs, 2 for bad arguments.
# Files: target/lookalike-live/seed-SEED/ (receipts-*.txt, reports, server log).
set -uo pipefail

cd "$(dirname "$0")/.."
seed="${1:-}"
minutes="${2:-2}"
if ! [[ "$seed" =~ ^[0-9]+$ ]] || ! [[ "$minutes" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
  echo "usage: scripts/lookalike-live.sh SEED [MINUTES]" >&2
  exit 2
fi
speed="${SPEED:-8}"
dir="$PWD/target/lookalike-live/seed-$seed"
rm -rf "$dir" && mkdir -p "$dir"
home="$dir/home"
export AISLE_HOME="$home" AISLE_REGISTRY="$home/registry"
export AISLE_HEAP="${AISLE_HEAP:-2g}"
scenario=(--from-cameras --scenario lookalike --seed "$seed" --minutes "$minutes")

f1() { grep -o '"f1" *: *[0-9.]*' "$1" | head -1 | grep -o '[0-9.]*$'; }

echo "== seed $seed, $minutes minutes =="
./aisle bench store "${scenario[@]}" --no-vision --write-layout "$dir/layout.json" \
  --report "$dir/bench-no-vision.json" --receipts "$dir/receipts-bench-no-vision.txt" >/dev/null || exit 1
./aisle train vision --store "$dir/layout.json" --registry "$AISLE_REGISTRY" --tenant demo --train-per-product 60 \
  --epochs 8 --latency-samples 0 --report "$dir/train.json" >"$dir/train.log" 2>&1 || { tail "$dir/train.log"; exit 1; }
./aisle models approve demo product-recognizer v000001 >/dev/null || exit 1
./aisle bench store "${scenario[@]}" --registry "$AISLE_REGISTRY" --tenant demo \
  --report "$dir/bench-model.json" --receipts "$dir/receipts-bench-model.txt" >/dev/null || exit 1

keys() { # tenant: create it with a key for the live store, print the env lines
  ./aisle tenants create "$1" >/dev/null
  ./aisle tenants add-key "$1" --roles admin,store-device \
    | awk '/^key id:/ {print "AISLE_KEY_ID=" $3} /^secret:/ {print "AISLE_KEY_SECRET=" $2}'
}
keys demo >"$dir/demo.key"
keys plain >"$dir/plain.key"
port="${PORT:-18731}"
./aisle serve --port "$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break
  sleep 1
done
live() { # tenant output-name
  (set -a; . "$dir/$1.key"; set +a
   ./aisle simulate store-live --server "http://127.0.0.1:$port" "${scenario[@]}" --speed "$speed" \
     --receipts "$dir/receipts-live-$2.txt") >"$dir/live-$2.log" 2>&1 || { tail "$dir/live-$2.log"; exit 1; }
}
live demo model
live plain no-vision

status=0
compare() { # bench-name live-name
  local bench="$dir/receipts-bench-$1.txt" live="$dir/receipts-live-$2.txt"
  if diff -u "$bench" "$live" >"$dir/diff-$2.txt"; then
    echo "$2: $(wc -l <"$live") receipts, equal line by line to bench $1"
  else
    echo "$2: receipts DIFFER from bench $1 ($(grep -c '^[-+][^-+]' "$dir/diff-$2.txt") lines; $dir/diff-$2.txt)"
    status=1
  fi
}
live_f1() { grep -o 'F1 [0-9.]*' "$dir/live-$1.log" | tail -1 | cut -d' ' -f2; }
echo "bench F1: no vision $(f1 "$dir/bench-no-vision.json"), approved model $(f1 "$dir/bench-model.json")"
echo "live F1:  no model $(live_f1 no-vision), approved model $(live_f1 model)"
compare model model
compare no-vision no-vision
exit $status
