#!/usr/bin/env bash
# The test command: builds the test environment when it is missing, then runs every test
# (Surefire unit tests and Failsafe tests against the real kube-apiserver).
# Extra arguments go to Maven, e.g.  hack/test.sh -Dit.test=SharedGatewayWalkthroughIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

env_vars=$(hack/test-env.sh)
while IFS= read -r line; do export "${line?}"; done <<<"$env_vars"

exec ./mvnw -B verify "$@"
