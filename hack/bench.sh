#!/usr/bin/env bash
# The benchmark (docs/benchmarks.md): a fresh kube-apiserver + etcd, the packaged operator in its own JVM sized as
# the chart sizes it, scenarios P1-P4 and the raw-write baseline; prints a table and writes target/bench/results.json.
# Smaller runs: hack/bench.sh -Dbench.tenants=200 -Dbench.existing=100 -Dbench.trials=20 -Dbench.burst=100
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_vars=$(hack/test-env.sh)
while IFS= read -r line; do export "${line?}"; done <<<"$env_vars"

exec ./mvnw -B verify -Pbench -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false "$@"
