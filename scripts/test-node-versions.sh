#!/usr/bin/env bash
# Runs the whole suite (`npm test`) under other Node versions, by default 22 and 24 (the machine's own is the
# third supported one). Each Node comes from the npm registry's node-<platform>-<arch> package, the same
# binaries the `node` package installs, so nothing but the registry is needed; they are cached in
# node_modules/.cache/node-versions. The dependencies installed by `npm ci` are used as they are: the point is
# that the versions package-lock.json pins run on each Node.
#
#   scripts/test-node-versions.sh            # 22 and 24
#   scripts/test-node-versions.sh 22.12 24   # any version or range npm understands
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(22 24)

platform=$(node -p 'process.platform')
arch=$(node -p 'process.arch')
cache=node_modules/.cache/node-versions
mkdir -p "$cache"

failed=()
for version in "${versions[@]}"; do
  package="node-$platform-$arch@$version"
  exact=$(npm view "$package" version 2>/dev/null | tail -1 | sed -E "s/.*'(.*)'.*/\1/; s/^[^0-9]*//")
  if [ -z "$exact" ]; then
    echo "test-node-versions: no package $package in the registry" >&2
    failed+=("$version")
    continue
  fi
  dir="$cache/$exact"
  if [ ! -x "$dir/bin/node" ]; then
    echo "test-node-versions: fetching node-$platform-$arch@$exact"
    tarball=$(cd "$cache" && npm pack --silent "node-$platform-$arch@$exact")
    mkdir -p "$dir"
    tar xzf "$cache/$tarball" -C "$dir" --strip-components=1
    rm "$cache/$tarball"
  fi
  echo "test-node-versions: npm test on Node $("$dir/bin/node" --version)"
  if PATH="$PWD/$dir/bin:$PATH" npm test; then
    echo "test-node-versions: Node $exact passed"
  else
    echo "test-node-versions: Node $exact FAILED" >&2
    failed+=("$exact")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "test-node-versions: failed on ${failed[*]}" >&2
  exit 1
fi
echo "test-node-versions: passed on ${versions[*]}"
