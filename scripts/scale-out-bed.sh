#!/usr/bin/env bash
# Starts the scale-out bed and keeps it running for manual use: a redis-server, a Kafka broker in its own JVM,
# three server replicas sharing one home, Redis and Kafka, and HAProxy in front (health checks on readiness,
# idempotent requests retried on another replica), every one a separate process on 127.0.0.1. Prints the URL,
# a key with every role, an item and a user of the synthetic tenant "bed". Ctrl-C stops exactly what it started.
#
#   scripts/scale-out-bed.sh                      # 3 replicas, 640m heap each
#   REPLICAS=2 HEAP=512m scripts/scale-out-bed.sh
#
# Then, in another shell, with the key it printed (kill -9 a replica's pid from its output to watch HAProxy):
#   AISLE_KEY_ID=... AISLE_KEY_SECRET=... ./aisle sign 'http://127.0.0.1:PORT/v1/recommendations/also-bought?item=ITEM&k=5' | sh
set -euo pipefail

cd "$(dirname "$0")/.."
[[ -x /usr/sbin/haproxy ]] || { echo "scale-out-bed: needs /usr/sbin/haproxy (apt-get install haproxy)" >&2; exit 1; }
command -v redis-server >/dev/null 2>&1 || { echo "scale-out-bed: needs redis-server (apt-get install redis-server)" >&2; exit 1; }
AISLE_HEAP="${AISLE_HEAP:-1g}" exec ./aisle bench scale-out --hold --replicas "${REPLICAS:-3}" --server-heap "${HEAP:-640m}" "$@"
