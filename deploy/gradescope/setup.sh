#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu, network on):
# Node.js, then the replearn kit shipped in this zip (kit/: compiled library, no sources), then any
# datasets named in datasets.txt. Written by `replearn assign --gradescope`.
set -euo pipefail
SOURCE="${REPLEARN_AUTOGRADER_ROOT:-/autograder}/source"
NODE_VERSION=20.19.5

apt-get update
# bubblewrap: every graded kernel runs in its own OS sandbox (run_autograder refuses in one line where the
# container cannot create one; \`replearn gradescope run --no-sandbox\` is for trusted runs).
apt-get install -y --no-install-recommends ca-certificates curl xz-utils python3 python3-venv g++ make bubblewrap
if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(+process.versions.node.split(".")[0] < 20)'; then
  curl -fsSL "https://nodejs.org/dist/v${NODE_VERSION}/node-v${NODE_VERSION}-linux-x64.tar.xz" \
    | tar -xJ -C /usr/local --strip-components=1
fi

cd "$SOURCE/kit"
# Production install: the shipped dist/ is used as is; the native backend is built if it can be
# (else grading runs on the wasm backend); no JupyterLab (grading needs none).
REPLEARN_SKIP_PYTHON=1 npm ci --omit=dev --no-audit --no-fund
names="$(grep -v -e '^#' -e '^[[:space:]]*$' "$SOURCE/datasets.txt" || true)"
if [ -n "$names" ]; then
  # shellcheck disable=SC2086 # one dataset name per line
  node bin/replearn.js data fetch $names
fi
chmod +x "$SOURCE/run_autograder"
