#!/usr/bin/env bash
# Builds the test environment from Go modules when it is missing, and prints where it is.
#
#   kube-apiserver, kube-controller-manager, kubectl  <- k8s.io/kubernetes at K8S_VERSION
#   etcd                                              <- go.etcd.io/etcd/server/v3 at ETCD_VERSION
#   helm                                              <- helm.sh/helm/v3 at HELM_VERSION
#   envoy-gateway                                     <- github.com/envoyproxy/gateway at ENVOY_GATEWAY_VERSION
#   cert-manager-controller                           <- hack/cert-manager-controller/main.go (cert-manager's
#                                                        published controller packages at CERT_MANAGER_VERSION)
#   pebble, pebble-challtestsrv                       <- github.com/letsencrypt/pebble/v2 at PEBBLE_VERSION
#   upstream CRDs                                     <- the Gateway API, Envoy Gateway and cert-manager modules
#
# The layout is the one fabric8 kube-api-test reads with downloading switched off:
#   $KUBE_API_TEST_DIR/k8s/<K8S_VERSION>-linux-amd64/{kube-apiserver,etcd,kubectl}
# A warm cache (everything present) costs a few file checks.
#
# Usage: hack/test-env.sh            build if missing, print KEY=VALUE lines for the environment
#        hack/test-env.sh --rebuild  rebuild the binaries even when present
set -euo pipefail

hack_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=versions.env
source "$hack_dir/versions.env"

cache=${TENANT_INGRESS_CACHE:-$HOME/.cache/tenant-ingress-operator}
kat_dir=$cache/kube-api-test
bin_dir=$kat_dir/k8s/$K8S_VERSION-linux-amd64
helm_dir=$cache/tools/helm-$HELM_VERSION
controllers_dir=$cache/controllers/eg-$ENVOY_GATEWAY_VERSION-cm-$CERT_MANAGER_VERSION-pebble-$PEBBLE_VERSION
crd_dir=$cache/crds/gwapi-$GATEWAY_API_VERSION-eg-$ENVOY_GATEWAY_VERSION-cm-$CERT_MANAGER_VERSION
rebuild=false
[[ "${1:-}" == "--rebuild" ]] && rebuild=true

log() { echo "test-env: $*" >&2; }
die() { echo "test-env: ERROR: $*" >&2; exit 1; }

command -v go >/dev/null || die "Go is not installed; the test binaries are built from Go modules (see docs/testing.md)"
# Dependency modules may name a newer patch toolchain than the one installed: a local Go at least GO_VERSION
# builds them as it is; an older one fetches GO_VERSION from the Go module proxy instead.
local_go=$(GOTOOLCHAIN=local go env GOVERSION); local_go=${local_go#go}
if [[ "$(printf '%s\n%s\n' "$GO_VERSION" "$local_go" | sort -V | head -1)" == "$GO_VERSION" ]]; then
  export GOTOOLCHAIN=local
else
  log "Go $local_go is older than $GO_VERSION; using go$GO_VERSION from the Go module proxy"
  export GOTOOLCHAIN=go$GO_VERSION
fi
export GOFLAGS=-mod=mod

# Writes a throwaway module that requires $2@$3 (plus REPLACES) and builds each given main package
# (binary=package) from it. MODULE_PATH names the throwaway module, SOURCE_DIR is copied into it.
build_from_module() {
  local name=$1 module=$2 version=$3 ldflags=$4; shift 4
  local out_dir=${OUT_DIR:-$bin_dir}
  local src=$cache/src/$name-$version
  rm -rf "$src" && mkdir -p "$src"
  [[ -n "${SOURCE_DIR:-}" ]] && cp "$SOURCE_DIR"/*.go "$src/"
  (
    cd "$src"
    go mod init "${MODULE_PATH:-tenantingress.test/$name}" >/dev/null 2>&1
    go mod edit -require="$module@v$version"
    for replace in "${REPLACES[@]:-}"; do [[ -n "$replace" ]] && go mod edit -replace="$replace"; done
    for binary in "$@"; do [[ "${binary#*=}" == . ]] || go mod edit -tool="${binary#*=}"; done
    go mod tidy
    for binary in "$@"; do
      log "building ${binary%%=*} $version (cold: several minutes on 2 cores)"
      go build -trimpath -ldflags "-s -w $ldflags" -o "$out_dir/${binary%%=*}.tmp" "${binary#*=}"
      mv "$out_dir/${binary%%=*}.tmp" "$out_dir/${binary%%=*}"
    done
  )
}

build_kubernetes() {
  # k8s.io/kubernetes points its staging modules (k8s.io/api, ...) at ./staging, which a dependent module
  # cannot see; pin each of them to its published v0.<minor>.<patch> twin instead.
  local gomod staging_version=0.${K8S_VERSION#1.}
  gomod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  [[ -f "$gomod" ]] || die "could not download k8s.io/kubernetes@v$K8S_VERSION from the Go module proxy"
  REPLACES=()
  while read -r module; do
    REPLACES+=("$module=$module@v$staging_version")
  done < <(sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$gomod")
  local v=k8s.io/component-base/version
  local ldflags="-X $v.gitVersion=v$K8S_VERSION -X $v.gitMajor=${K8S_VERSION%%.*}"
  ldflags+=" -X $v.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X $v.gitTreeState=clean"
  ldflags+=" -X k8s.io/client-go/pkg/version.gitVersion=v$K8S_VERSION"
  build_from_module kubernetes k8s.io/kubernetes "$K8S_VERSION" "$ldflags" \
    kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
    kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
    kubectl=k8s.io/kubernetes/cmd/kubectl
}

build_etcd() {
  REPLACES=()
  build_from_module etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION" "" etcd=go.etcd.io/etcd/server/v3
}

build_helm() {
  REPLACES=()
  mkdir -p "$helm_dir"
  OUT_DIR=$helm_dir build_from_module helm helm.sh/helm/v3 "$HELM_VERSION" \
    "-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION" helm=helm.sh/helm/v3/cmd/helm
}

build_envoy_gateway() {
  REPLACES=()
  local v=github.com/envoyproxy/gateway/internal/cmd/version
  OUT_DIR=$controllers_dir build_from_module envoy-gateway github.com/envoyproxy/gateway "$ENVOY_GATEWAY_VERSION" \
    "-X $v.envoyGatewayVersion=v$ENVOY_GATEWAY_VERSION" envoy-gateway=github.com/envoyproxy/gateway/cmd/envoy-gateway
}

build_cert_manager() {
  # The module path sits under cert-manager's so that main.go may import its internal feature gates.
  REPLACES=()
  OUT_DIR=$controllers_dir SOURCE_DIR=$hack_dir/cert-manager-controller \
    MODULE_PATH=github.com/cert-manager/cert-manager/tenantingress-test/controller \
    build_from_module cert-manager-controller github.com/cert-manager/cert-manager "$CERT_MANAGER_VERSION" "" \
    cert-manager-controller=.
}

build_pebble() {
  REPLACES=()
  OUT_DIR=$controllers_dir build_from_module pebble github.com/letsencrypt/pebble/v2 "$PEBBLE_VERSION" "" \
    pebble=github.com/letsencrypt/pebble/v2/cmd/pebble \
    pebble-challtestsrv=github.com/letsencrypt/pebble/v2/cmd/pebble-challtestsrv
  # Pebble's own test CA and serving certificate (for localhost), which cert-manager is told to trust.
  local pebble_src
  pebble_src=$(module_dir github.com/letsencrypt/pebble/v2 "$PEBBLE_VERSION")
  cp "$pebble_src/test/certs/pebble.minica.pem" "$pebble_src/test/certs/localhost/cert.pem" \
    "$pebble_src/test/certs/localhost/key.pem" "$controllers_dir/"
  chmod u+w "$controllers_dir"/*.pem
}

module_dir() {
  local dir
  dir=$(go mod download -json "$1@v$2" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [[ -d "$dir" ]] || die "could not download $1@v$2 from the Go module proxy"
  echo "$dir"
}

collect_crds() {
  local tmp=$crd_dir.tmp gwapi eg cm
  gwapi=$(module_dir sigs.k8s.io/gateway-api "$GATEWAY_API_VERSION")
  eg=$(module_dir github.com/envoyproxy/gateway "$ENVOY_GATEWAY_VERSION")
  cm=$(module_dir github.com/cert-manager/cert-manager "$CERT_MANAGER_VERSION")
  rm -rf "$tmp" && mkdir -p "$tmp/gateway-api" "$tmp/envoy-gateway" "$tmp/cert-manager"
  # Standard channel only; the ValidatingAdmissionPolicy in that folder is not a CRD.
  cp "$gwapi"/config/crd/standard/gateway.networking.k8s.io_*.yaml "$tmp/gateway-api/"
  rm -f "$tmp"/gateway-api/*_vap_*.yaml
  cp "$eg"/charts/gateway-helm/charts/crds/crds/generated/*.yaml "$tmp/envoy-gateway/"
  cp "$cm"/deploy/crds/*.yaml "$tmp/cert-manager/"
  chmod -R u+w "$tmp"
  rm -rf "$crd_dir" && mv "$tmp" "$crd_dir"
}

mkdir -p "$bin_dir"
if $rebuild || [[ ! -x $bin_dir/kube-apiserver || ! -x $bin_dir/kube-controller-manager || ! -x $bin_dir/kubectl ]]; then
  build_kubernetes
fi
if $rebuild || [[ ! -x $bin_dir/etcd ]]; then
  build_etcd
fi
if $rebuild || [[ ! -x $helm_dir/helm ]]; then
  build_helm
fi
mkdir -p "$controllers_dir"
if $rebuild || [[ ! -x $controllers_dir/envoy-gateway ]]; then
  build_envoy_gateway
fi
# The wiring is ours and changes with the repository: its binary is rebuilt whenever main.go differs from the one
# it was built from.
cm_wiring=$(sha256sum "$hack_dir/cert-manager-controller/main.go" | cut -d' ' -f1)
if $rebuild || [[ ! -x $controllers_dir/cert-manager-controller ]] \
    || [[ "$(cat "$controllers_dir/cert-manager-controller.main.go.sha256" 2>/dev/null)" != "$cm_wiring" ]]; then
  build_cert_manager
  echo "$cm_wiring" > "$controllers_dir/cert-manager-controller.main.go.sha256"
fi
if $rebuild || [[ ! -x $controllers_dir/pebble || ! -x $controllers_dir/pebble-challtestsrv ]]; then
  build_pebble
fi
[[ -d $crd_dir ]] || collect_crds

echo "KUBE_API_TEST_DIR=$kat_dir"
echo "KUBE_API_TEST_API_SERVER_VERSION=$K8S_VERSION"
echo "TENANT_INGRESS_UPSTREAM_CRDS=$crd_dir"
echo "TENANT_INGRESS_KUBE_CONTROLLER_MANAGER=$bin_dir/kube-controller-manager"
echo "TENANT_INGRESS_HELM=$helm_dir/helm"
echo "TENANT_INGRESS_CONTROLLERS=$controllers_dir"
