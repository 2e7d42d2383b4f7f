#!/usr/bin/env bash
# Amazon's DynamoDB Local, as an oracle for differential tests.
#
#   ddb-local.sh start [PORT]   fetch (once) and start it on 127.0.0.1:PORT (default 8765); prints the endpoint
#   ddb-local.sh stop  [PORT]   stop the instance this script started on PORT
#   ddb-local.sh status [PORT]  exit 0 if it answers
#
# The jar comes from the npm package amplify-dynamodb-simulator, which ships DynamoDBLocal.jar and its
# libraries. Needs java (17 is on the machine) and npm. Data is in memory only; every start is empty.
#
# Copied from the team's shared tools (tools/ddb-local.sh, beside this repository) so that a fresh clone runs
# `npm run conformance` and `npm run bench:wire` on its own. Keep the two in step.
set -euo pipefail

cmd=${1:-}
port=${2:-${DDB_LOCAL_PORT:-8765}}
cache=${SHARDLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shardline}
home="$cache/ddb-local"
pidfile="$home/ddb-local-$port.pid"
logfile="$home/ddb-local-$port.log"
version=${DDB_LOCAL_PACKAGE_VERSION:-2.9.30}

fetch() {
  [ -f "$home/emulator/DynamoDBLocal.jar" ] && return 0
  command -v java >/dev/null || { echo "ddb-local: java not found (apt-get install -y openjdk-17-jre-headless)" >&2; exit 1; }
  mkdir -p "$home"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "amplify-dynamodb-simulator@$version" >/dev/null)
  tar -xzf "$tmp"/amplify-dynamodb-simulator-*.tgz -C "$tmp"
  rm -rf "$home/emulator" && mv "$tmp/package/emulator" "$home/emulator"
  rm -rf "$tmp"
}

answers() {
  # Any HTTP answer from the port means it is up (an unsigned request gets a 400 back).
  curl -s -o /dev/null -m 2 "http://127.0.0.1:$port/" 2>/dev/null
}

case "$cmd" in
  start)
    fetch
    if answers; then echo "http://127.0.0.1:$port"; exit 0; fi
    cd "$home/emulator"
    nohup java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -inMemory -port "$port" \
      >"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
    cd - >/dev/null
    for _ in $(seq 1 120); do
      if answers; then echo "http://127.0.0.1:$port"; exit 0; fi
      sleep 0.25
    done
    echo "ddb-local: did not answer on port $port; log follows" >&2; cat "$logfile" >&2; exit 1 ;;
  stop)
    if [ -f "$pidfile" ]; then
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      rm -f "$pidfile"
    fi ;;
  status)
    answers ;;
  *)
    sed -n '2,9p' "$0"; exit 2 ;;
esac
