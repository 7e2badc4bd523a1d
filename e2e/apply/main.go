// Command apply is the CI's stand-in for Flux's kustomize-controller against a real API server: it
// builds each path of a cluster's Flux Kustomizations with Flux's own build library
// (github.com/fluxcd/pkg/kustomize) and applies it with Flux's server-side apply manager
// (github.com/fluxcd/pkg/ssa), in dependsOn order, the way the controller does: CRDs and Namespaces
// first, field manager kustomize-controller, recreate where an object asks for force, prune by
// inventory. Given several trees, it applies them in turn to the same server, as Flux does on each
// merge. It fails on any error and on any warning the server returns (Pod Security ones included),
// then waits until every Deployment, StatefulSet and Job has created its Pods and fails on any
// Warning event.
//
//	apply pki <dir> <port>                               certificates and kubeconfigs for the control plane
//	apply ready <kubeconfig> <timeout>                   wait until the API server answers /readyz
//	apply run -kubeconfig K -cluster C -crds DIR TREE... apply each tree's cluster C, in order
//	  [-never-ready K -expect-held A,B]                  K never Ready: exactly A,B wait for it
//	apply buildtime -cluster C [-concurrency 4] TREE     time the builds of C's Flux paths, as one sync
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: apply pki <dir> <port> | apply run -kubeconfig K -cluster C -crds DIR TREE...")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "pki":
		if len(os.Args) != 4 {
			err = errors.New("usage: apply pki <dir> <port>")
			break
		}
		port, perr := strconv.Atoi(os.Args[3])
		if perr != nil {
			err = perr
			break
		}
		err = writePKI(os.Args[2], port)
	case "ready":
		if len(os.Args) != 4 {
			err = errors.New("usage: apply ready <kubeconfig> <timeout>")
			break
		}
		timeout, terr := time.ParseDuration(os.Args[3])
		if terr != nil {
			err = terr
			break
		}
		err = waitReady(os.Args[2], timeout)
	case "run":
		err = run(os.Args[2:])
	case "buildtime":
		err = buildTime(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "apply: "+err.Error())
		os.Exit(1)
	}
}

// waitReady polls the API server's /readyz until it answers ok.
func waitReady(kubeconfig string, timeout time.Duration) error {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	clientset, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for {
		body, err := clientset.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(context.Background())
		if err == nil && string(body) == "ok" {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the API server is not ready after %s: %v %s", timeout, err, body)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func run(args []string) error {
	flags := flag.NewFlagSet("run", flag.ContinueOnError)
	kubeconfig := flags.String("kubeconfig", "", "admin kubeconfig of the API server")
	cluster := flags.String("cluster", "", "the cluster folder under clusters/")
	crds := flags.String("crds", "", "folder of the Flux CRDs that flux bootstrap would install")
	podTimeout := flags.Duration("pod-timeout", 120*time.Second, "how long workloads may take to create their Pods")
	neverReady := flags.String("never-ready", "", "a Kustomization that never becomes Ready: what waits for it is held")
	expectHeld := flags.String("expect-held", "", "with -never-ready: the Kustomizations that must be held, comma-separated, and no other")
	if err := flags.Parse(args); err != nil {
		return err
	}
	trees := flags.Args()
	if *kubeconfig == "" || *cluster == "" || *crds == "" || len(trees) == 0 {
		return errors.New("-kubeconfig, -cluster, -crds and at least one tree are required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	h, err := newHarness(*kubeconfig)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := h.bootstrap(ctx, *crds); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	var previous map[string]inventory
	for i, tree := range trees {
		fmt.Printf("== tree %d/%d: %s, cluster %s\n", i+1, len(trees), tree, *cluster)
		current, held, err := h.applyTreeHolding(ctx, tree, *cluster, previous, *neverReady)
		if err != nil {
			return err
		}
		if *neverReady != "" {
			sort.Strings(held)
			want := strings.Split(*expectHeld, ",")
			sort.Strings(want)
			if strings.Join(held, ",") != strings.Join(want, ",") {
				return fmt.Errorf("%s never Ready: held %v, expected exactly %v", *neverReady, held, want)
			}
			fmt.Printf("%s never Ready: held only %v; the other %d Kustomizations applied in dependency order\n",
				*neverReady, held, len(current)-len(held))
		}
		previous = current
	}
	if err := h.waitForPods(ctx, *podTimeout); err != nil {
		return err
	}
	if w := h.warnings.take(); len(w) > 0 {
		return fmt.Errorf("the API server warned:\n  %s", strings.Join(w, "\n  "))
	}
	fmt.Printf("cluster %s: %d trees applied, %d objects, 0 errors, 0 warnings, %.1fs\n",
		*cluster, len(trees), h.objectCount(previous), time.Since(start).Seconds())
	return nil
}
