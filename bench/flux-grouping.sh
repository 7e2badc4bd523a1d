#!/usr/bin/env bash
# What kustomize-controller pays per sync to build the Flux paths of N apps (default 1,000), each app
# with a database: one Flux Kustomization per app and per app's database (the generated layout),
# against the same apps grouped into 64 shards by a hash of the name (the earlier layout) and into
# one path. Each path built with Flux's own build library in process (e2e/apply buildtime), by 4
# workers, kustomize-controller's default --concurrent. The apply that follows each build costs the
# same per object either way and is not counted. No timing is asserted: the numbers go to the notes.
# Usage: bench/flux-grouping.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
export GOFLAGS=-mod=mod
./mvnw -B -q -pl generator test-compile
CP=$(./mvnw -B -q -pl generator dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd e2e/apply && go build -o "$WORK/apply" .)
java -Xmx1g -Dneotool.repoRoot="$PWD" -Dneotool.bench.validations=0 -Dneotool.bench.edits=0 -Dneotool.bench.groups=0 \
  -cp "generator/target/test-classes:generator/target/classes:$CP" \
  io.neotool.gitops.bench.ScaleCheck "$WORK" "$N" > "$WORK/generate.txt"
REPO="$WORK/repo"
# the same tree with the apps' Kustomizations replaced by groups: 64 shards, or one path
python3 - "$REPO" "$WORK" <<'PY'
import hashlib, os, re, shutil, sys
repo, work = sys.argv[1:3]
cluster = os.path.join(repo, "clusters", "production")
units = {}
for f in sorted(os.listdir(cluster)):
    text = open(os.path.join(cluster, f)).read()
    m = re.search(r"^  path: \./apps/production/([^/\n]+)$", text, re.M)
    if m and "kustomize.toolkit.fluxcd.io" in text:
        units[f] = m.group(1)
def variant(name, group_of):
    tree = os.path.join(work, name)
    os.makedirs(tree)
    for d in ("infrastructure", "apps"):
        shutil.copytree(os.path.join(repo, d), os.path.join(tree, d))
    out = os.path.join(tree, "clusters", "production")
    shutil.copytree(cluster, out)
    groups = {}
    for f, folder in units.items():
        os.remove(os.path.join(out, f))
        app = folder[:-len("-database")] if folder.endswith("-database") else folder
        groups.setdefault(group_of(app), []).append(folder)
    template = open(os.path.join(cluster, "postgres.yaml")).read()
    for g, folders in groups.items():
        path = os.path.join(tree, "groups", g)
        os.makedirs(path)
        open(os.path.join(path, "kustomization.yaml"), "w").write(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
            + "".join(f"  - ../../apps/production/{x}\n" for x in sorted(folders)))
        k = re.sub(r"name: postgres\n", f"name: {g}\n", template, count=1)
        k = re.sub(r"  path: .*\n", f"  path: ./groups/{g}\n", k)
        k = re.sub(r"  dependsOn:\n(    - name: .*\n)+", "", k)
        open(os.path.join(out, g + ".yaml"), "w").write(k)
variant("shards", lambda app: "apps-%02x" % (hashlib.sha256(app.encode()).digest()[0] % 64))
variant("one", lambda app: "apps")
PY
echo "$N apps, each with a database:"
"$WORK/apply" buildtime -cluster production "$REPO" | sed 's/^production/  one Kustomization per app and per database/'
"$WORK/apply" buildtime -cluster production "$WORK/shards" | sed 's/^production/  64 shards/'
"$WORK/apply" buildtime -cluster production "$WORK/one" | sed 's/^production/  one path/'
