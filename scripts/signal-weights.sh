#!/usr/bin/env bash
# Chooses the weights of views and carts against purchases: simulates a shopper log with views, carts and
# purchases, trains also-bought (EASE) on it for every pair of weights of the grid, each scored on SPLITS
# seeded splits of held-out purchases only, and prints mean (sd) HR@10 and NDCG@10 per pair with the gain
# over purchases alone (view=0,cart=0). With FOR_YOU=1 it then trains for-you with purchases alone and with
# BEST (default: the grid's best pair) on the seeds of FOR_YOU_SEEDS and prints mean (sd) Recall@10.
#
#   scripts/signal-weights.sh
#   USERS=3000 ITEMS=800 SPLITS=5 VIEWS="0 0.1" CARTS="0 0.5" FOR_YOU=1 scripts/signal-weights.sh
#
# Files: target/signal-weights/ (the log, one report per run, table.md).
set -euo pipefail

cd "$(dirname "$0")/.."
users="${USERS:-2000}"
items="${ITEMS:-600}"
seed="${SEED:-7}"
splits="${SPLITS:-5}"
views="${VIEWS:-0 0.05 0.1 0.25}"
carts="${CARTS:-0 0.25 0.5 1}"
out="target/signal-weights"
log="$out/log-$users-$items-$seed"
mkdir -p "$out"
if [[ ! -d "$log" ]]; then
  ./aisle simulate shoppers --users "$users" --items "$items" --seed "$seed" --tenant demo --events-log "$log"
fi

# mean and sd of one method's metric over the splits of a report
stat() { jq -r --arg m "$2" --arg k "$3" '.evaluation.splits | "\(.mean.aisle[$k]) \(.sd.aisle[$k])"' "$1"; }

table="$out/table.md"
{
  echo "| view | cart | HR@10 mean (sd) | NDCG@10 mean (sd) | HR@10 gain over purchases alone |"
  echo "|---:|---:|---:|---:|---:|"
} >"$table"
base=""
best="" best_hr=-1
for view in $views; do
  for cart in $carts; do
    report="$out/also-bought-view$view-cart$cart.json"
    rm -rf "$out/registry" "$report"
    ./aisle train also-bought --tenant demo --registry "$out/registry" --events-log "$log" \
      --event-types view,cart,purchase --signal-weights "view=$view,cart=$cart" --similarity ease \
      --eval-splits "$splits" --report "$report" >/dev/null
    [[ -s "$report" ]] || { echo "signal-weights: no report from view=$view,cart=$cart" >&2; exit 1; }
    read -r hr hr_sd < <(stat "$report" aisle hr@10)
    read -r ndcg ndcg_sd < <(stat "$report" aisle ndcg@10)
    [[ -z "$base" ]] && base="$hr"
    if awk -v a="$hr" -v b="$best_hr" 'BEGIN { exit !(a > b) }'; then best="view=$view,cart=$cart"; best_hr="$hr"; fi
    awk -v v="$view" -v c="$cart" -v h="$hr" -v hs="$hr_sd" -v n="$ndcg" -v ns="$ndcg_sd" -v b="$base" \
      'BEGIN { printf "| %s | %s | %.4f (%.4f) | %.4f (%.4f) | %+.4f |\n", v, c, h, hs, n, ns, h - b }' >>"$table"
    tail -1 "$table"
  done
done
echo "also-bought on $users shoppers, $items items, seed $seed, $splits splits of held-out purchases; best $best"
cat "$table"

if [[ "${FOR_YOU:-0}" == 1 ]]; then
  chosen="${BEST:-$best}"
  echo
  echo "| for-you weights | Recall@10 mean (sd) | NDCG@10 mean (sd) |"
  echo "|---|---:|---:|"
  for weights in "view=0,cart=0" "$chosen"; do
    recalls=()
    ndcgs=()
    for eval_seed in ${FOR_YOU_SEEDS:-42 43 44}; do
      report="$out/for-you-$weights-$eval_seed.json"
      rm -rf "$out/registry" "$report"
      ./aisle train for-you --tenant demo --registry "$out/registry" --events-log "$log" \
        --event-types view,cart,purchase --signal-weights "$weights" --eval-seed "$eval_seed" \
        --report "$report" >/dev/null
      recalls+=("$(jq -r '.evaluation.results["aisle-fm"]["recall@10"]' "$report")")
      ndcgs+=("$(jq -r '.evaluation.results["aisle-fm"]["ndcg@10"]' "$report")")
    done
    printf '%s\n' "${recalls[@]}" | paste -d' ' - <(printf '%s\n' "${ndcgs[@]}") | awk -v w="$weights" '
      { r[NR] = $1; n[NR] = $2; sr += $1; sn += $2 }
      END { mr = sr / NR; mn = sn / NR
            for (i = 1; i <= NR; i++) { vr += (r[i] - mr) ^ 2; vn += (n[i] - mn) ^ 2 }
            d = NR > 1 ? NR - 1 : 1
            printf "| %s | %.4f (%.4f) | %.4f (%.4f) |\n", w, mr, sqrt(vr / d), mn, sqrt(vn / d) }'
  done
fi
