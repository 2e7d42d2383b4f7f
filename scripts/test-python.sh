#!/usr/bin/env bash
# Opt-in (npm run test:python, never part of npm test): runs the boto3 example of docs/time-travel.md against a
# fresh `shardline serve --clock manual`, started through tsx as `npm run serve` does, and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import boto3' >/dev/null 2>&1; then
  echo "skipped: python3 with boto3 not found"
  exit 0
fi

errors=$(mktemp)
# The server's stdout on descriptor 3: its first line is the endpoint, read as soon as it listens.
exec 3< <(exec node_modules/.bin/tsx src/cli/shardline.ts serve --clock manual --port 0 2>"$errors")
server=$!
stop() {
  kill -INT "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -f "$errors"
}
trap stop EXIT

endpoint=""
read -r endpoint <&3 || true
if [ -z "$endpoint" ]; then
  echo "shardline serve did not start:" >&2
  cat "$errors" >&2
  exit 1
fi
cat "$errors"

python3 examples/python/trimmed_consumer.py "$endpoint"
