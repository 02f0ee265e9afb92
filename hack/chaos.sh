#!/usr/bin/env bash
# The chaos suite (docs/reliability.md): the packaged operator in its own JVMs against a fresh kube-apiserver + etcd,
# killed, failed over and cut off from its API server, checked against the exact planned state after each fault.
# With the real Envoy Gateway and cert-manager. Prints the table and writes target/chaos/results.md. Defaults: 300
# tenants, the kube-apiserver and etcd stopped 60 s each, the API server unreachable 240 s.
# Other sizes: hack/chaos.sh -Dchaos.tenants=100 -Dchaos.stoppedSeconds=30 -Dchaos.unreachableSeconds=120
# Replay a run: -Dchaos.seed=<seed printed>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_vars=$(hack/test-env.sh)
while IFS= read -r line; do export "${line?}"; done <<<"$env_vars"

./mvnw -B verify -Pchaos -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat target/chaos/results.md
