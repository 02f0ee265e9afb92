#!/usr/bin/env bash
# Regenerates the CRDs from the Java types (io.tenantingress.api) and copies them to crds/ and the chart.
# CrdDriftTest fails the build when the committed copies differ from what the types generate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

./mvnw -B -q -DskipTests process-classes
for generated in target/classes/META-INF/fabric8/*.tenantingress.io-v1.yml; do
  plural=$(basename "$generated" .tenantingress.io-v1.yml)
  for dir in crds charts/tenant-ingress-operator/crds; do
    mkdir -p "$dir"
    cp "$generated" "$dir/tenantingress.io_$plural.yaml"
  done
done
echo "updated crds/ and charts/tenant-ingress-operator/crds/"
