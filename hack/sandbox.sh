#!/usr/bin/env bash
# The main job on this machine, no cluster needed: builds the test environment and the operator when they
# are missing, then runs `tenant-ingress-operator sandbox` (a real kube-apiserver with every CRD installed).
# Arguments go to the sandbox subcommand, e.g.  hack/sandbox.sh --exit-when-ready
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_vars=$(hack/test-env.sh)
while IFS= read -r line; do export "${line?}"; done <<<"$env_vars"

./mvnw -B -q -DskipTests package
exec java -jar target/tenant-ingress-operator.jar sandbox "$@"
