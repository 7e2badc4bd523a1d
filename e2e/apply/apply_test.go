package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// Seeded defects, each caught by the real API server (or its controller-manager) with its own
// message, through the same build-and-apply path as the trees. The server is started by e2e/run.sh.

func server(t *testing.T) (*harness, string) {
	t.Helper()
	kubeconfig, crds := os.Getenv("NEOTOOL_E2E_KUBECONFIG"), os.Getenv("NEOTOOL_E2E_CRDS")
	if kubeconfig == "" || crds == "" {
		t.Fatal("NEOTOOL_E2E_KUBECONFIG and NEOTOOL_E2E_CRDS name the server e2e/run.sh started and the Flux CRDs")
	}
	h, err := newHarness(kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.bootstrap(context.Background(), crds); err != nil {
		t.Fatal(err)
	}
	return h, crds
}

func expectError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want an error containing %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not contain %q", err, want)
	}
	t.Logf("caught: %s", firstLine(err.Error(), want))
}

func firstLine(text, want string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, want) {
			return strings.TrimSpace(line)
		}
	}
	return text
}

func TestAnUnknownHelmReleaseFieldIsRejectedByTheCRDSchema(t *testing.T) {
	h, _ := server(t)
	_, err := h.applyTree(context.Background(), "testdata/unknown-field", "seeded-a", nil)
	expectError(t, err, ".spec.bogusField: field not declared in schema")
}

func TestAPodTemplateBelowTheNamespacesLevelIsAWarningAndFails(t *testing.T) {
	h, _ := server(t)
	_, err := h.applyTree(context.Background(), "testdata/pod-security", "seeded-b", nil)
	expectError(t, err, `would violate PodSecurity "restricted:v1.33"`)
}

func TestAMissingServiceAccountFailsThePodsCreation(t *testing.T) {
	h, _ := server(t)
	if _, err := h.applyTree(context.Background(), "testdata/missing-sa", "seeded-c", nil); err != nil {
		t.Fatalf("the tree itself is valid: %v", err)
	}
	err := h.waitForPods(context.Background(), 60*time.Second)
	expectError(t, err, `error looking up service account seeded-c/ghost: serviceaccount "ghost" not found`)
}

func TestAnImmutableStatefulSetChangeIsRejectedUnlessForced(t *testing.T) {
	h, _ := server(t)
	ctx := context.Background()
	before, err := h.applyTree(ctx, "testdata/immutable-before", "seeded-d", nil)
	if err != nil {
		t.Fatalf("first tree: %v", err)
	}
	_, err = h.applyTree(ctx, "testdata/immutable-after", "seeded-d", before)
	expectError(t, err, "updates to statefulset spec for fields other than")
	if _, err := h.applyTree(ctx, "testdata/immutable-forced", "seeded-d", before); err != nil {
		t.Fatalf("with kustomize.toolkit.fluxcd.io/force: enabled the StatefulSet is recreated, got: %v", err)
	}
}

// Moving objects from one Flux Kustomization to another (the single apps Kustomization to the app
// shards): the old one, kept with prune: false and a path that no longer holds them, deletes
// nothing and the new one takes the objects over; had it kept prune: true, it would delete them
// before the new one applies them (it comes first), and they would be created again.
func TestMovingObjectsToANewKustomizationKeepsThemOnlyIfTheOldOneStopsPruning(t *testing.T) {
	h, _ := server(t)
	ctx := context.Background()
	for _, c := range []struct {
		cluster string
		kept    bool
	}{{"seeded-e", true}, {"seeded-f", false}} {
		before, err := h.applyTree(ctx, "testdata/move-before-"+c.cluster, c.cluster, nil)
		if err != nil {
			t.Fatalf("%s, first tree: %v", c.cluster, err)
		}
		uid, err := h.uid(ctx, "v1", "ConfigMap", c.cluster, "app")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.applyTree(ctx, "testdata/move-after-"+c.cluster, c.cluster, before); err != nil {
			t.Fatalf("%s, second tree: %v", c.cluster, err)
		}
		after, err := h.uid(ctx, "v1", "ConfigMap", c.cluster, "app")
		if err != nil {
			t.Fatal(err)
		}
		if (uid == after) != c.kept {
			t.Fatalf("%s: the ConfigMap kept its identity: %v, want %v", c.cluster, uid == after, c.kept)
		}
		t.Logf("%s: old Kustomization prune=%v: the object was %s", c.cluster, !c.kept,
			map[bool]string{true: "kept", false: "deleted and created again"}[uid == after])
	}
}
