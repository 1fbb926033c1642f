#!/usr/bin/env bash
# Proves cluster mode on Scala 2.12, as Spark 3.5's stock downloads and managed services run it: builds
# the cluster jar and a Spark 2.12 class path (profile spark-home of training-jobs-cluster), starts a real
# standalone master and worker on loopback from those jars, submits the jar with Spark 2.12's
# spark-submit (client deploy mode), and checks that the model landed in the registry. With a user log
# (header-less user,item,order,timestamp) it also trains the XGBoost ranker, whose Scala code runs in the
# executors, with small settings.
# Usage: training-jobs/cluster-smoke.sh [basket-file [user-log]]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$ROOT/training-jobs-cluster/target"
SCALA=2.12
INPUT="$(realpath "${1:-$ROOT/../shared/data/groceries/groceries.csv}")"
[[ -f "$INPUT" ]] || { echo "no basket file at $INPUT" >&2; exit 2; }
USER_LOG=""
if [[ $# -ge 2 ]]; then
  USER_LOG="$(realpath "$2")"
  [[ -f "$USER_LOG" ]] || { echo "no user log at $2" >&2; exit 2; }
fi

WORK="$(mktemp -d /tmp/aisle-cluster.XXXXXX)"
REGISTRY="$WORK/registry"
echo "build   training-jobs-cluster -Pspark-home (log in $WORK/build.log)"
# Copied libraries are not cleaned by package; a dependency removed from the pom must leave Spark's jars.
rm -rf "$TARGET/lib-spark"
(cd "$ROOT" && ./mvnw -B -q -pl training-jobs-cluster -am -Pspark-home -Dmaven.test.skip=true package) \
  >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; echo "FAILED: build" >&2; exit 1; }
JARS=("$TARGET"/aisle-training-jobs-*-cluster-scala$SCALA.jar)
[[ ${#JARS[@]} -eq 1 && -f "${JARS[0]}" ]] || { echo "FAILED: expected one cluster jar, found: ${JARS[*]}" >&2; exit 1; }
JAR="${JARS[0]}"

# A standalone worker launches executors from $SPARK_HOME/jars: Spark 2.12 and its dependencies only.
# Our code is left out on purpose: the submitted cluster jar must carry it.
mkdir -p "$WORK/spark-home/jars" "$WORK/worker"
ln -s "$TARGET"/lib-spark/*.jar "$WORK/spark-home/jars/"
if ls "$WORK/spark-home/jars" | grep -q "_2\.13"; then echo "FAILED: a Scala 2.13 jar on Spark's class path" >&2; exit 1; fi
SPARK_CP="$WORK/spark-home/jars/*"

# The jar must link against the cluster's Scala and Spark, not carry its own: no class in it may also
# be in Spark's jars (xgboost4j's own org.apache.spark.ml.xgboost helpers are not Spark's; every jar
# may hold a module-info).
classes() { grep '\.class$' | grep -v 'module-info\.class$' | sort -u; }
for lib in "$TARGET"/lib-spark/*.jar; do unzip -Z1 "$lib"; done | classes >"$WORK/spark-classes.txt"
unzip -Z1 "$JAR" | classes >"$WORK/jar-classes.txt"
if grep -q '^scala/' "$WORK/jar-classes.txt"; then echo "FAILED: scala-library classes in $JAR" >&2; exit 1; fi
if comm -12 "$WORK/spark-classes.txt" "$WORK/jar-classes.txt" | grep -q .; then
  comm -12 "$WORK/spark-classes.txt" "$WORK/jar-classes.txt" | head >&2
  echo "FAILED: $JAR carries classes of Spark's class path" >&2; exit 1
fi
echo "jar     $(basename "$JAR"): $(wc -l <"$WORK/jar-classes.txt") classes, none of Scala's or Spark's"

# Without RELEASE (and the Scala version) the executor launcher looks for a source build instead.
echo "Spark (Scala $SCALA jars from the Aisle build)" >"$WORK/spark-home/RELEASE"
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=$SCALA SPARK_LOCAL_IP=127.0.0.1 OMP_WAIT_POLICY=PASSIVE

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
MASTER_PORT="$(free_port)"; MASTER_UI="$(free_port)"; WORKER_UI="$(free_port)"
OPENS=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
OPENS+=(-Djdk.reflect.useDirectMethodHandle=false)
# The driver runs in spark-submit's JVM (client mode), before the jar and its log settings are loaded.
submit() {
  java -Xmx2g "${OPENS[@]}" "-Dlog4j2.configurationFile=$ROOT/training-jobs/src/main/resources/log4j2.properties" \
    -cp "$SPARK_CP" org.apache.spark.deploy.SparkSubmit "$@"
}

submit --version >"$WORK/submit-version.txt" 2>&1
grep -q "Using Scala version $SCALA\." "$WORK/submit-version.txt" \
  || { cat "$WORK/submit-version.txt" >&2; echo "FAILED: spark-submit is not Spark on Scala $SCALA" >&2; exit 1; }
echo "submit  Spark $(grep -o "version [0-9.]*$" "$WORK/submit-version.txt" | head -1 | cut -d' ' -f2)" \
  "on Scala $(grep -o "Using Scala version [0-9.]*" "$WORK/submit-version.txt" | cut -d' ' -f4)"

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
# spark-submit of the cluster jar: --class, then TrainingCli's arguments.
train() {
  submit \
    --master "spark://127.0.0.1:$MASTER_PORT" --deploy-mode client \
    --class io.aisle.training.cli.TrainingCli \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.executor.memory=1g --conf spark.cores.max=2 \
    --conf "spark.executor.extraJavaOptions=$EXECUTOR_OPTS" \
    --conf spark.executorEnv.OMP_WAIT_POLICY=PASSIVE \
    "$JAR" train "$@" --tenant cluster --registry "$REGISTRY" --eval-seed 42
}
published() { # model
  local manifest="$REGISTRY/cluster/$1/v000001/manifest.json"
  [[ -f "$manifest" ]] || { echo "FAILED: no $1 model in $REGISTRY" >&2; exit 1; }
  echo "$manifest"
}

train also-bought --baskets "$INPUT" --report "$WORK/report.json" | tee "$WORK/submit.out"
MANIFESTS="$(published also-bought)"
if [[ -n "$USER_LOG" ]]; then
  train ranker --interactions "$USER_LOG" --columns user,item,order,timestamp --similarity confidence \
    --iterations 20 --rounds 10 --max-ranker-users 300 --max-eval-users 300 --report "$WORK/ranker-report.json" \
    | tee "$WORK/submit-ranker.out"
  MANIFESTS="$MANIFESTS $(published ranker)"
fi

grep -q "app-" "$WORK/master.log" || { echo "FAILED: the master never saw an application" >&2; exit 1; }
ls "$WORK/worker"/app-*/*/stderr >/dev/null 2>&1 || { echo "FAILED: the worker ran no executor" >&2; exit 1; }
# The executor fetched the jar from the driver and put it on its class loader.
grep -q "Adding file:.*$(basename "$JAR") to class loader" "$WORK/worker"/app-*/*/stderr \
  || { echo "FAILED: no executor loaded $(basename "$JAR")" >&2; exit 1; }
echo "OK: Spark $SCALA spark-submit ran on the standalone cluster (executor logs in $WORK/worker) and published $MANIFESTS"
