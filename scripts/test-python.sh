#!/usr/bin/env bash
# Opt-in (npm run test:python, never part of npm test): runs the boto3 example of docs/time-travel.md against a
# fresh `shardline serve --clock manual`, started through tsx as `npm run serve` does, and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import boto3' >/dev/null 2>&1; then
  echo "skipped: python3 with boto3 not found"
  exit 0
fi

work=$(mktemp -d)
node_modules/.bin/tsx src/cli/shardline.ts serve --clock manual --port 0 >"$work/stdout" 2>"$work/stderr" &
server=$!
stop() {
  kill -INT "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT

# The first line the server prints is its endpoint.
for _ in $(seq 1 300); do
  if [ -s "$work/stdout" ] || ! kill -0 "$server" 2>/dev/null; then break; fi
  sleep 0.1
done
endpoint=$(head -n 1 "$work/stdout")
if [ -z "$endpoint" ]; then
  echo "shardline serve did not start:" >&2
  cat "$work/stderr" >&2
  exit 1
fi
cat "$work/stderr"

python3 examples/python/trimmed_consumer.py "$endpoint"
