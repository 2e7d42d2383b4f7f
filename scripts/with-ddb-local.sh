#!/usr/bin/env bash
# Runs a command with DynamoDB Local up on a port of its own, and stops it afterwards, also when the command fails.
#
#   with-ddb-local.sh [--optional] COMMAND [ARGS...]
#
# The port is DDB_LOCAL_PORT (default 8799: 8765, ddb-local.sh's default, is often taken by another instance).
# The command finds the endpoint in DDB_LOCAL_ENDPOINT. If DynamoDB Local already answers on the port, it is used
# as it is and left running; only an instance this script started is stopped. With --optional, a DynamoDB Local
# that cannot start (no Java, no network for the first download) is not an error: the command runs without
# DDB_LOCAL_ENDPOINT.
set -euo pipefail

optional=no
if [ "${1:-}" = --optional ]; then optional=yes; shift; fi

here=$(cd "$(dirname "$0")" && pwd)
port=${DDB_LOCAL_PORT:-8799}

started=no
stop() { if [ "$started" = yes ]; then "$here/ddb-local.sh" stop "$port"; fi; }
trap stop EXIT

if "$here/ddb-local.sh" status "$port"; then
  export DDB_LOCAL_ENDPOINT="http://127.0.0.1:$port"
elif "$here/ddb-local.sh" start "$port" >/dev/null; then
  started=yes
  export DDB_LOCAL_ENDPOINT="http://127.0.0.1:$port"
elif [ "$optional" = yes ]; then
  echo "with-ddb-local: DynamoDB Local did not start; running without it" >&2
  unset DDB_LOCAL_ENDPOINT
else
  exit 1
fi

"$@"
