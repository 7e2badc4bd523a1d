package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fluxcd/cli-utils/pkg/kstatus/polling"
	"github.com/fluxcd/cli-utils/pkg/object"
	"github.com/fluxcd/pkg/kustomize"
	"github.com/fluxcd/pkg/ssa"
	ssautils "github.com/fluxcd/pkg/ssa/utils"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

const (
	fluxNamespace = "flux-system"
	// The labels and annotations kustomize-controller reads on the objects it applies.
	forceAnnotation     = "kustomize.toolkit.fluxcd.io/force"
	reconcileAnnotation = "kustomize.toolkit.fluxcd.io/reconcile"
	ssaAnnotation       = "kustomize.toolkit.fluxcd.io/ssa"
	pruneAnnotation     = "kustomize.toolkit.fluxcd.io/prune"
)

// warningCollector keeps every distinct warning the API server sends (the dry run and the apply of
// one object send the same one twice).
type warningCollector struct {
	mu   sync.Mutex
	seen map[string]bool
	list []string
}

func (w *warningCollector) HandleWarningHeader(_ int, _ string, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if !w.seen[text] {
		w.seen[text] = true
		w.list = append(w.list, text)
	}
}

// take returns the warnings collected since the last call.
func (w *warningCollector) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.list
	w.list = nil
	w.seen = nil
	return out
}

// inventory is what one Flux Kustomization applied: the objects it prunes when they disappear, and
// whether it prunes at all (spec.prune).
type inventory struct {
	objects []*unstructured.Unstructured
	prune   bool
}

type harness struct {
	client    client.Client
	clientset *kubernetes.Clientset
	manager   *ssa.ResourceManager
	warnings  *warningCollector
	// namespaces the trees applied objects to, for the pod and event checks
	namespaces map[string]bool
}

func newHarness(kubeconfig string) (*harness, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	warnings := &warningCollector{}
	cfg.WarningHandler = warnings
	cfg.QPS, cfg.Burst = 100, 200
	c, err := client.New(cfg, client.Options{})
	if err != nil {
		return nil, err
	}
	clientset, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	poller := polling.NewStatusPoller(c, c.RESTMapper(), polling.Options{})
	manager := ssa.NewResourceManager(c, poller, ssa.Owner{Field: "kustomize-controller", Group: "kustomize.toolkit.fluxcd.io"})
	return &harness{client: c, clientset: clientset, manager: manager, warnings: warnings, namespaces: map[string]bool{}}, nil
}

// bootstrap installs what the cluster has before our tree: the Flux CRDs and namespace that
// flux bootstrap installs, and what K3S brings (the local-path StorageClass, the traefik IngressClass).
func (h *harness) bootstrap(ctx context.Context, crdDir string) error {
	var objects []*unstructured.Unstructured
	files, err := filepath.Glob(filepath.Join(crdDir, "*.yaml"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no CRDs in %s (run .ci/schemas.sh)", crdDir)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		objs, err := ssautils.ReadObjects(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		objects = append(objects, objs...)
	}
	fixtures, err := ssautils.ReadObjects(strings.NewReader(`apiVersion: v1
kind: Namespace
metadata:
  name: flux-system
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: traefik
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: traefik.io/ingress-controller
`))
	if err != nil {
		return err
	}
	objects = append(objects, fixtures...)
	cs, err := h.manager.ApplyAllStaged(ctx, objects, ssa.DefaultApplyOptions())
	if err != nil {
		return err
	}
	fmt.Printf("bootstrap: %d objects (Flux CRDs, flux-system, K3S's StorageClass and IngressClass)\n", len(cs.Entries))
	if w := h.warnings.take(); len(w) > 0 {
		return fmt.Errorf("the API server warned:\n  %s", strings.Join(w, "\n  "))
	}
	return nil
}

// fluxKustomizations reads the cluster's Flux Kustomizations and orders them by dependsOn.
func fluxKustomizations(tree, cluster string) ([]*unstructured.Unstructured, error) {
	dir := filepath.Join(tree, "clusters", cluster)
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	byName := map[string]*unstructured.Unstructured{}
	for _, file := range files {
		if filepath.Base(file) == "kustomization.yaml" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		objs, err := ssautils.ReadObjects(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, o := range objs {
			if o.GetKind() == "Kustomization" && strings.HasPrefix(o.GetAPIVersion(), "kustomize.toolkit.fluxcd.io/") {
				byName[o.GetName()] = o
			}
		}
	}
	if len(byName) == 0 {
		return nil, fmt.Errorf("no Flux Kustomizations in %s", dir)
	}
	var ordered []*unstructured.Unstructured
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(name, from string) error
	visit = func(name, from string) error {
		ks, ok := byName[name]
		if !ok {
			return fmt.Errorf("%s depends on %s, which %s does not define", from, name, dir)
		}
		switch state[name] {
		case 1:
			return fmt.Errorf("dependsOn cycle through %s", name)
		case 2:
			return nil
		}
		state[name] = 1
		deps, _, _ := unstructured.NestedSlice(ks.Object, "spec", "dependsOn")
		for _, d := range deps {
			if m, ok := d.(map[string]any); ok {
				if err := visit(fmt.Sprint(m["name"]), name); err != nil {
					return err
				}
			}
		}
		state[name] = 2
		ordered = append(ordered, ks)
		return nil
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := visit(name, name); err != nil {
			return nil, err
		}
	}
	return ordered, nil
}

// applyTree applies the cluster's Flux Kustomizations, then each one's path, as kustomize-controller
// does, and prunes what a path no longer holds compared with the previous tree's inventories.
func (h *harness) applyTree(ctx context.Context, tree, cluster string, previous map[string]inventory) (map[string]inventory, error) {
	current, _, err := h.applyTreeHolding(ctx, tree, cluster, previous, "")
	return current, err
}

// applyTreeHolding is applyTree with one Kustomization that never becomes Ready (its Job waits for a
// secret nobody wrote, say): it is applied, and, as Flux does, every Kustomization that waits for it
// (dependsOn, directly or through others) is held, not applied. Returns the ones held.
func (h *harness) applyTreeHolding(ctx context.Context, tree, cluster string, previous map[string]inventory, neverReady string) (map[string]inventory, []string, error) {
	ordered, err := fluxKustomizations(tree, cluster)
	if err != nil {
		return nil, nil, err
	}
	// The flux-system Kustomization of flux bootstrap applies clusters/<cluster>: these objects.
	cs, err := h.manager.ApplyAllStaged(ctx, ordered, ssa.DefaultApplyOptions())
	if err != nil {
		return nil, nil, fmt.Errorf("clusters/%s: %w", cluster, err)
	}
	if err := h.failOnWarnings("clusters/" + cluster); err != nil {
		return nil, nil, err
	}
	fmt.Printf("clusters/%s: %s\n", cluster, summary(cs))
	current := map[string]inventory{}
	notReady := map[string]bool{}
	var held []string
	for _, ks := range ordered {
		if waits := waitingFor(ks, notReady); waits != "" {
			fmt.Printf("Kustomization %s: held, it waits for %s, which is not Ready\n", ks.GetName(), waits)
			notReady[ks.GetName()] = true
			held = append(held, ks.GetName())
			if old, ok := previous[ks.GetName()]; ok {
				current[ks.GetName()] = old
			}
			continue
		}
		if ks.GetName() == neverReady {
			notReady[ks.GetName()] = true
		}
		objects, err := build(tree, ks)
		if err != nil {
			return nil, nil, fmt.Errorf("Kustomization %s: build: %w", ks.GetName(), err)
		}
		h.manager.SetOwnerLabels(objects, ks.GetName(), ks.GetNamespace())
		for _, o := range objects {
			if o.GetNamespace() != "" {
				h.namespaces[o.GetNamespace()] = true
			}
		}
		opts := ssa.DefaultApplyOptions()
		opts.Force, _, _ = unstructured.NestedBool(ks.Object, "spec", "force")
		opts.ForceSelector = map[string]string{forceAnnotation: "enabled"}
		opts.ExclusionSelector = map[string]string{reconcileAnnotation: "disabled"}
		opts.IfNotPresentSelector = map[string]string{ssaAnnotation: "IfNotPresent"}
		cs, err := h.manager.ApplyAllStaged(ctx, objects, opts)
		if err != nil {
			return nil, nil, fmt.Errorf("Kustomization %s (%s): %w", ks.GetName(), path(ks), err)
		}
		if err := h.failOnWarnings("Kustomization " + ks.GetName()); err != nil {
			return nil, nil, err
		}
		fmt.Printf("Kustomization %s (%s): %s\n", ks.GetName(), path(ks), summary(cs))
		prune, _, _ := unstructured.NestedBool(ks.Object, "spec", "prune")
		current[ks.GetName()] = inventory{objects: objects, prune: prune}
		if old, ok := previous[ks.GetName()]; ok && prune {
			if err := h.prune(ctx, ks.GetName(), ks.GetNamespace(), staleObjects(old.objects, objects)); err != nil {
				return nil, nil, err
			}
		}
	}
	// A Kustomization the tree no longer has is deleted by flux-system; its finalizer collects what
	// it applied, as it prunes.
	for name, old := range previous {
		if _, ok := current[name]; !ok && old.prune {
			if err := h.prune(ctx, name, "flux-system", old.objects); err != nil {
				return nil, nil, err
			}
		}
	}
	return current, held, nil
}

// waitingFor names the first Kustomization ks depends on that is not Ready, or "".
func waitingFor(ks *unstructured.Unstructured, notReady map[string]bool) string {
	deps, _, _ := unstructured.NestedSlice(ks.Object, "spec", "dependsOn")
	for _, d := range deps {
		if m, ok := d.(map[string]any); ok && notReady[fmt.Sprint(m["name"])] {
			return fmt.Sprint(m["name"])
		}
	}
	return ""
}

// prune deletes what a Kustomization applied and no longer holds, as kustomize-controller does:
// only objects that still carry its owner labels (another Kustomization may have taken them over)
// and are not marked prune: disabled.
func (h *harness) prune(ctx context.Context, name, namespace string, stale []*unstructured.Unstructured) error {
	if len(stale) == 0 {
		return nil
	}
	deleteOpts := ssa.DefaultDeleteOptions()
	deleteOpts.Inclusions = h.manager.GetOwnerLabels(name, namespace)
	deleteOpts.Exclusions = map[string]string{pruneAnnotation: "disabled"}
	pruned, err := h.manager.DeleteAll(ctx, stale, deleteOpts)
	if err != nil {
		return fmt.Errorf("Kustomization %s: prune: %w", name, err)
	}
	fmt.Printf("Kustomization %s: pruned %d: %s\n", name, len(pruned.Entries), strings.Join(subjects(pruned), ", "))
	return nil
}

// uid is the UID of an object on the server: a new one means it was deleted and created again.
func (h *harness) uid(ctx context.Context, apiVersion, kind, namespace, name string) (string, error) {
	o := &unstructured.Unstructured{}
	o.SetAPIVersion(apiVersion)
	o.SetKind(kind)
	if err := h.client.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, o); err != nil {
		return "", fmt.Errorf("%s %s/%s: %w", kind, namespace, name, err)
	}
	return string(o.GetUID()), nil
}

func (h *harness) failOnWarnings(what string) error {
	if w := h.warnings.take(); len(w) > 0 {
		return fmt.Errorf("%s: the API server warned:\n  %s", what, strings.Join(w, "\n  "))
	}
	return nil
}

func path(ks *unstructured.Unstructured) string {
	p, _, _ := unstructured.NestedString(ks.Object, "spec", "path")
	return p
}

// build runs Flux's build of the Kustomization's path on a copy of the tree (the generator
// rewrites the path's kustomization.yaml with the Kustomization's settings, as in the controller).
func build(tree string, ks *unstructured.Unstructured) ([]*unstructured.Unstructured, error) {
	work, err := os.MkdirTemp("", "neotool-e2e-build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	if err := os.CopyFS(work, os.DirFS(tree)); err != nil {
		return nil, err
	}
	return buildIn(work, ks)
}

// buildIn builds the Kustomization's path in work, a copy of the tree that the build may write to.
func buildIn(work string, ks *unstructured.Unstructured) ([]*unstructured.Unstructured, error) {
	dir := filepath.Join(work, filepath.Clean(path(ks)))
	if _, err := kustomize.NewGenerator(work, *ks).WriteFile(dir); err != nil {
		return nil, err
	}
	resources, err := kustomize.SecureBuild(work, dir, false)
	if err != nil {
		return nil, err
	}
	text, err := resources.AsYaml()
	if err != nil {
		return nil, err
	}
	objects, err := ssautils.ReadObjects(bytes.NewReader(text))
	if err != nil {
		return nil, err
	}
	sort.Sort(ssa.SortableUnstructureds(objects))
	return objects, nil
}

func staleObjects(old, current []*unstructured.Unstructured) []*unstructured.Unstructured {
	keep := map[object.ObjMetadata]bool{}
	for _, o := range current {
		keep[object.UnstructuredToObjMetadata(o)] = true
	}
	var stale []*unstructured.Unstructured
	for _, o := range old {
		if !keep[object.UnstructuredToObjMetadata(o)] {
			stale = append(stale, o)
		}
	}
	return stale
}

func summary(cs *ssa.ChangeSet) string {
	counts := map[string]int{}
	for _, e := range cs.Entries {
		counts[string(e.Action)]++
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	return fmt.Sprintf("%d objects (%s)", len(cs.Entries), strings.Join(parts, ", "))
}

func subjects(cs *ssa.ChangeSet) []string {
	var out []string
	for _, e := range cs.Entries {
		out = append(out, e.Subject)
	}
	return out
}

func (h *harness) objectCount(inventories map[string]inventory) int {
	n := 0
	for _, inv := range inventories {
		n += len(inv.objects)
	}
	return n
}

// waitForPods waits until every Deployment, StatefulSet and Job in the applied namespaces has
// created its Pods (they stay Pending: there is no kubelet), then fails on any Warning event there
// (FailedCreate of a ReplicaSet, StatefulSet or Job: Pod Security, a missing ServiceAccount, …).
// DaemonSets are left out: with no node registered they want no Pod.
func (h *harness) waitForPods(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		missing, workloads, pods, err := h.workloadsWithoutPods(ctx)
		if err != nil {
			return err
		}
		warnings, err := h.warningEvents(ctx)
		if err != nil {
			return err
		}
		if len(warnings) > 0 {
			return fmt.Errorf("Warning events:\n  %s", strings.Join(warnings, "\n  "))
		}
		if len(missing) == 0 {
			fmt.Printf("pods: all %d Deployments, StatefulSets and Jobs created their Pods (%d, Pending without a kubelet); no Warning event\n",
				workloads, pods)
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("after %s, no Pods for: %s", timeout, strings.Join(missing, ", "))
		}
		time.Sleep(2 * time.Second)
	}
}

func (h *harness) workloadsWithoutPods(ctx context.Context) (missing []string, count, podCount int, err error) {
	for _, ns := range sortedKeys(h.namespaces) {
		type workload struct {
			kind, name string
			selector   *metav1.LabelSelector
			wanted     int32
		}
		var workloads []workload
		deployments, err := h.clientset.AppsV1().Deployments(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, 0, 0, err
		}
		for _, d := range deployments.Items {
			workloads = append(workloads, workload{"Deployment", d.Name, d.Spec.Selector, replicas(d.Spec.Replicas)})
		}
		statefulSets, err := h.clientset.AppsV1().StatefulSets(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, 0, 0, err
		}
		for _, s := range statefulSets.Items {
			// the StatefulSet controller creates one Pod at a time and waits for it to be ready
			workloads = append(workloads, workload{"StatefulSet", s.Name, s.Spec.Selector, min(replicas(s.Spec.Replicas), 1)})
		}
		jobs, err := h.clientset.BatchV1().Jobs(ns).List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, 0, 0, err
		}
		for _, j := range jobs.Items {
			workloads = append(workloads, workload{"Job", j.Name, j.Spec.Selector, 1})
		}
		for _, w := range workloads {
			selector, err := metav1.LabelSelectorAsSelector(w.selector)
			if err != nil {
				return nil, 0, 0, err
			}
			pods, err := h.clientset.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: selector.String()})
			if err != nil {
				return nil, 0, 0, err
			}
			count++
			podCount += len(pods.Items)
			if int32(len(pods.Items)) < w.wanted {
				missing = append(missing, fmt.Sprintf("%s %s/%s (%d of %d)", w.kind, ns, w.name, len(pods.Items), w.wanted))
			}
		}
	}
	return missing, count, podCount, nil
}

func (h *harness) warningEvents(ctx context.Context) ([]string, error) {
	var out []string
	for _, ns := range sortedKeys(h.namespaces) {
		events, err := h.clientset.CoreV1().Events(ns).List(ctx, metav1.ListOptions{
			FieldSelector: "type=" + corev1.EventTypeWarning,
		})
		if err != nil {
			return nil, err
		}
		for _, e := range events.Items {
			if selfHealing[e.Reason] {
				continue
			}
			out = append(out, fmt.Sprintf("%s %s/%s: %s: %s", e.InvolvedObject.Kind, ns, e.InvolvedObject.Name, e.Reason, e.Message))
		}
	}
	sort.Strings(out)
	return out, nil
}

// selfHealing are Warning events of the control plane about itself, which it repairs on its own: on
// a freshly started API server the Service IP repair loop may meet a Service created before its
// first pass ("Cluster IP ... is not allocated; repairing"). They say nothing about the tree.
var selfHealing = map[string]bool{"ClusterIPNotAllocated": true}

func replicas(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
