package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"
)

// buildTime measures what kustomize-controller pays per sync to build a cluster's Flux paths: each
// Kustomization's path built with Flux's own build library, in process as the controller does, by
// `concurrency` workers (the controller's --concurrent, 4 by default). The last of `rounds` rounds is
// reported, once the code is warm.
func buildTime(args []string) error {
	flags := flag.NewFlagSet("buildtime", flag.ContinueOnError)
	cluster := flags.String("cluster", "", "the cluster folder under clusters/")
	concurrency := flags.Int("concurrency", 4, "builds at once (kustomize-controller's --concurrent)")
	rounds := flags.Int("rounds", 3, "rounds; the last is reported")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *cluster == "" || flags.NArg() != 1 {
		return errors.New("usage: apply buildtime -cluster C [-concurrency 4] [-rounds 3] TREE")
	}
	tree := flags.Arg(0)
	ordered, err := fluxKustomizations(tree, *cluster)
	if err != nil {
		return err
	}
	var durations []time.Duration
	var wall time.Duration
	objects := 0
	for round := 0; round < *rounds; round++ {
		// one copy of the tree per round, as the controller extracts each revision once
		work, err := os.MkdirTemp("", "neotool-buildtime-")
		if err != nil {
			return err
		}
		if err := os.CopyFS(work, os.DirFS(tree)); err != nil {
			return err
		}
		durations = make([]time.Duration, len(ordered))
		counts := make([]int, len(ordered))
		errs := make([]error, len(ordered))
		next := make(chan int)
		var wg sync.WaitGroup
		start := time.Now()
		for w := 0; w < *concurrency; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					t := time.Now()
					objs, err := buildIn(work, ordered[i])
					durations[i] = time.Since(t)
					counts[i] = len(objs)
					errs[i] = err
				}
			}()
		}
		for i := range ordered {
			next <- i
		}
		close(next)
		wg.Wait()
		wall = time.Since(start)
		os.RemoveAll(work)
		objects = 0
		for i, err := range errs {
			if err != nil {
				return fmt.Errorf("%s: %w", ordered[i].GetName(), err)
			}
			objects += counts[i]
		}
	}
	var sum time.Duration
	for _, d := range durations {
		sum += d
	}
	sorted := append([]time.Duration(nil), durations...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a] < sorted[b] })
	fmt.Printf("%s: %d Flux Kustomizations, %d objects; builds %.2f s in all (longest %.0f ms, median %.1f ms); %.2f s per sync with %d at once\n",
		*cluster, len(ordered), objects, sum.Seconds(), float64(sorted[len(sorted)-1].Microseconds())/1000,
		float64(sorted[len(sorted)/2].Microseconds())/1000, wall.Seconds(), *concurrency)
	return nil
}
