#!/usr/bin/env bash
# One-time set-up on Debian/Ubuntu: system packages, npm dependencies, and code-server (a real
# VS Code for `npm start` and the editor tests) in ~/.cache/rhcos-layering.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-system.sh
npm ci --no-audit --no-fund
bash scripts/e2e/install-code-server.sh >/dev/null
echo "set-up done: run 'npm start' to try the extension, 'npm test' to run the tests"
