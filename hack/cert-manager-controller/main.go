// Command cert-manager-controller runs cert-manager's own controllers, out of cluster, for the tests and the
// sandbox of tenant-ingress-operator.
//
// cert-manager publishes its controllers in the github.com/cert-manager/cert-manager module, but the main
// package that wires them (cmd/controller) is a nested module with no tag on the Go module proxy. This file is
// the smallest wiring of the published packages: the same ContextFactory, the same registered controllers and
// informer factories as cmd/controller/app.Run, minus leader election, webhooks, metrics TLS and the Venafi
// issuer (one of its dependencies is not served by the module proxy). hack/test-env.sh builds it from a module
// whose path sits under cert-manager's, so that it may import cert-manager's internal feature gates.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/klog/v2"

	_ "github.com/cert-manager/cert-manager/internal/controller/feature" // registers the feature gates' defaults
	"github.com/cert-manager/cert-manager/pkg/controller"
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmechallenges"
	_ "github.com/cert-manager/cert-manager/pkg/controller/acmeorders"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/acme"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/approver"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/ca"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificaterequests/selfsigned"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/issuing"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/keymanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/readiness"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/requestmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/revisionmanager"
	_ "github.com/cert-manager/cert-manager/pkg/controller/certificates/trigger"
	_ "github.com/cert-manager/cert-manager/pkg/controller/clusterissuers"
	_ "github.com/cert-manager/cert-manager/pkg/controller/issuers"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/acme"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/ca"
	_ "github.com/cert-manager/cert-manager/pkg/issuer/selfsigned"
)

func main() {
	kubeconfig := flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig of the API server")
	clusterResourceNamespace := flag.String("cluster-resource-namespace", "cert-manager",
		"namespace of the Secrets that ClusterIssuers refer to")
	solverNameservers := flag.String("acme-http01-solver-nameservers", "",
		"comma-separated host:port of the DNS servers for the HTTP-01 self-check")
	minBackoff := flag.Duration("certificate-request-minimum-backoff-duration", time.Hour,
		"backoff after a failed CertificateRequest (cert-manager's default: 1h)")
	dns01CheckRetryPeriod := flag.Duration("dns01-check-retry-period", 10*time.Second,
		"wait between two propagation self-checks, HTTP-01 included")
	workers := flag.Int("concurrent-workers", 5, "workers per controller")
	// cert-manager's default is false; the test environment runs as docs/api.md advises, so that a departed
	// tenant's Secret goes with its Certificate (through the garbage collector, where kube-controller-manager runs).
	ownerRef := flag.Bool("enable-certificate-owner-ref", true,
		"make each Certificate the owner of its Secret, so that the Secret is deleted with it")
	klog.InitFlags(flag.CommandLine)
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *kubeconfig, *clusterResourceNamespace, *solverNameservers, *minBackoff,
		*dns01CheckRetryPeriod, *workers, *ownerRef); err != nil {
		fmt.Fprintln(os.Stderr, "cert-manager-controller:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, kubeconfig, clusterResourceNamespace, solverNameservers string,
	minBackoff, dns01CheckRetryPeriod time.Duration, workers int, ownerRef bool) error {
	var nameservers []string
	if solverNameservers != "" {
		nameservers = strings.Split(solverNameservers, ",")
	}
	factory, err := controller.NewContextFactory(ctx, controller.ContextOptions{
		Kubeconfig:         kubeconfig,
		KubernetesAPIQPS:   50,
		KubernetesAPIBurst: 100,
		ACMEOptions: controller.ACMEOptions{
			// Solver Pods are created but never run (there is no kubelet): the HTTP-01 answer comes from the
			// test environment's data-plane stand-in. These values only have to parse.
			HTTP01SolverImage:                 "quay.io/jetstack/cert-manager-acmesolver:v1.21.1",
			HTTP01SolverResourceRequestCPU:    resource.MustParse("10m"),
			HTTP01SolverResourceRequestMemory: resource.MustParse("64Mi"),
			HTTP01SolverResourceLimitsCPU:     resource.MustParse("100m"),
			HTTP01SolverResourceLimitsMemory:  resource.MustParse("64Mi"),
			ACMEHTTP01SolverRunAsNonRoot:      true,
			HTTP01SolverNameservers:           nameservers,
			DNS01CheckRetryPeriod:             dns01CheckRetryPeriod,
			DNS01CheckAuthoritative:           true,
		},
		SchedulerOptions: controller.SchedulerOptions{MaxConcurrentChallenges: 60},
		IssuerOptions:    controller.IssuerOptions{ClusterResourceNamespace: clusterResourceNamespace},
		IngressShimOptions: controller.IngressShimOptions{
			GatewayAPIExtraProtocols: sets.New[string](),
		},
		CertificateOptions: controller.CertificateOptions{
			CertificateRequestMinimumBackoffDuration: minBackoff,
			CertificateRequestMaximumBackoffDuration: 32 * time.Hour,
			EnableOwnerRef:                           ownerRef,
		},
		ConfigOptions: controller.ConfigOptions{EnableGatewayAPI: true},
	})
	if err != nil {
		return err
	}
	base, err := factory.Build()
	if err != nil {
		return err
	}

	g, ctx := errgroup.WithContext(ctx)
	for name, constructor := range controller.Known() {
		c, err := constructor(factory)
		if err != nil {
			return fmt.Errorf("controller %s: %w", name, err)
		}
		klog.InfoS("starting controller", "controller", name)
		g.Go(func() error { return c.Run(workers, ctx) })
	}
	base.SharedInformerFactory.Start(ctx.Done())
	base.KubeSharedInformerFactory.Start(ctx.Done())
	base.HTTP01ResourceMetadataInformersFactory.Start(ctx.Done())
	base.GWShared.Start(ctx.Done())
	return g.Wait()
}
