#!/usr/bin/env bash
# Proves cluster mode: starts a real Spark standalone master and worker on loopback, submits the
# shaded training jar with spark-submit (client deploy mode), and checks that the model landed in the
# registry. Usage: training-jobs/cluster-smoke.sh [basket-file]   (run `mvn -pl training-jobs -am package
# -Dmaven.test.skip=true` first; ./aisle does that on first use).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$HERE/target"
JAR="$TARGET/aisle-training-jobs-0.1.0-SNAPSHOT-cluster.jar"
[[ -f "$JAR" ]] || JAR="$(ls "$TARGET"/aisle-training-jobs*-cluster.jar 2>/dev/null | head -1)"
INPUT="$(realpath "${1:-$HERE/../../shared/data/groceries/groceries.csv}")"
[[ -f "$JAR" && -d "$TARGET/lib-spark" ]] || { echo "build first: mvn -B -pl training-jobs -am package -Dmaven.test.skip=true" >&2; exit 1; }

WORK="$(mktemp -d /tmp/aisle-cluster.XXXXXX)"
REGISTRY="$WORK/registry"
# A standalone worker launches executors from $SPARK_HOME/jars. Spark's class path is the build's
# provided jars plus its compile-scope dependencies (lib/); our own code is left out on purpose: the
# submitted cluster jar must carry it.
mkdir -p "$WORK/spark-home/jars" "$WORK/worker"
for jar in "$TARGET"/lib-spark/*.jar "$TARGET"/lib/*.jar; do
  case "$(basename "$jar")" in aisle-*|picocli-*|xgboost4j*) continue ;; esac
  ln -sf "$jar" "$WORK/spark-home/jars/"
done
SPARK_CP="$WORK/spark-home/jars/*"
# Without RELEASE (and the Scala version) the executor launcher looks for a source build instead.
echo "Spark (jars from the Aisle build)" >"$WORK/spark-home/RELEASE"
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 OMP_WAIT_POLICY=PASSIVE

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
MASTER_PORT="$(free_port)"; MASTER_UI="$(free_port)"; WORKER_UI="$(free_port)"
OPENS=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
OPENS+=(-Djdk.reflect.useDirectMethodHandle=false)

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "master  spark://127.0.0.1:$MASTER_PORT (logs in $WORK)"
java -Xmx512m "${OPENS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" >"$WORK/master.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "I have been elected leader" "$WORK/master.log" && break; sleep 1; done
grep -q "I have been elected leader" "$WORK/master.log" || { cat "$WORK/master.log"; echo "master did not start" >&2; exit 1; }

java -Xmx512m "${OPENS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 2 --memory 2g --webui-port "$WORKER_UI" --work-dir "$WORK/worker" \
  "spark://127.0.0.1:$MASTER_PORT" >"$WORK/worker.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$WORK/worker.log" && break; sleep 1; done
grep -q "Successfully registered with master" "$WORK/worker.log" || { cat "$WORK/worker.log"; echo "worker did not register" >&2; exit 1; }
echo "worker  registered"

EXECUTOR_OPTS="${OPENS[*]}"
java -Xmx1g "${OPENS[@]}" -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$MASTER_PORT" --deploy-mode client \
  --class io.aisle.training.cli.TrainingCli \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --conf spark.executor.memory=1g --conf spark.cores.max=2 \
  --conf "spark.executor.extraJavaOptions=$EXECUTOR_OPTS" \
  --conf spark.executorEnv.OMP_WAIT_POLICY=PASSIVE \
  "$JAR" train also-bought --baskets "$INPUT" --tenant cluster --registry "$REGISTRY" --eval-seed 42 \
  --report "$WORK/report.json" | tee "$WORK/submit.out"

MANIFEST="$REGISTRY/cluster/also-bought/v000001/manifest.json"
[[ -f "$MANIFEST" ]] || { echo "FAILED: no model in $REGISTRY" >&2; exit 1; }
grep -q "app-" "$WORK/master.log" || { echo "FAILED: the master never saw an application" >&2; exit 1; }
ls "$WORK/worker"/app-*/ >/dev/null 2>&1 || { echo "FAILED: the worker ran no executor" >&2; exit 1; }
echo "OK: spark-submit ran on the standalone cluster (executor logs in $WORK/worker) and published $MANIFEST"
