"""Checks the metric names and label keys of PromQL queries against real scrapes.

    metrics-check.py SERIES_JSONL SCRAPES_DIR ALLOWLIST PROMETHEUS_YML [--catalog OUT]

SERIES_JSONL: what .ci/programs/promtool/series printed for each query. SCRAPES_DIR: one file per
exporter (its name) in Prometheus' text format. A label key may also be one Prometheus adds to every
series of a target (job, instance, and the target_label and labelmap results of PROMETHEUS_YML's
relabelling). Prints each problem with the query that has it; exits 1 when there is one. --catalog
writes the scraped metrics the queries use: metric, exporter, the label keys the scrape shows.
"""
import glob, json, os, re, sys, yaml

series_file, scrapes_dir, allowlist_file, prometheus_yml = sys.argv[1:5]
catalog = sys.argv[sys.argv.index("--catalog") + 1] if "--catalog" in sys.argv else None

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"')
scraped = {}  # metric -> (exporter, label keys)
for path in sorted(glob.glob(os.path.join(scrapes_dir, "*"))):
    exporter = os.path.basename(path)
    for line in open(path, encoding="utf-8"):
        m = SAMPLE.match(line)
        if not m or line.startswith("#"):
            continue
        keys = set(LABEL.findall(m.group(3) or ""))
        entry = scraped.setdefault(m.group(1), (exporter, set()))
        entry[1].update(keys)

allowed = []
for line in open(allowlist_file, encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        pattern, reason = line.rstrip("\n").split("\t", 1)
        allowed.append((re.compile(pattern), reason))

def allow(metric):
    return next((reason for p, reason in allowed if p.search(metric)), None)

# labels Prometheus itself adds to a target's series
target = {"job", "instance"}
config = yaml.safe_load(open(prometheus_yml))
pod_labels = False
for job in config.get("scrape_configs", []):
    for rc in job.get("relabel_configs", []) + job.get("metric_relabel_configs", []):
        if rc.get("target_label") and not rc["target_label"].startswith("__"):
            target.add(rc["target_label"])
        if rc.get("action") == "labelmap" and "pod_label" in rc.get("regex", ""):
            pod_labels = True
if pod_labels:  # the pods' labels, as Prometheus sanitizes them
    for f in glob.glob("infrastructure/production/**/*.yaml", recursive=True) + glob.glob("apps/**/*.yaml", recursive=True):
        for doc in yaml.safe_load_all(open(f)):
            labels = ((((doc or {}).get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels") or {}
            target.update(re.sub(r"[^a-zA-Z0-9_]", "_", k) for k in labels)

problems, used, counts = [], {}, {"alert": 0, "recording": 0, "dashboard": 0}
for line in open(series_file, encoding="utf-8"):
    q = json.loads(line)
    counts[q["source"].split(" ")[0]] += 1
    if q.get("error"):
        problems.append(f"{q['source']}: does not parse: {q['error']}")
        continue
    labels_of_query, any_allowed = set(target), False
    for metric in q["metrics"]:
        if metric in scraped:
            exporter, keys = scraped[metric]
            used[metric] = (exporter, keys)
            labels_of_query |= keys
            for key in q["labels"].get(metric, []):
                if key not in keys and key not in target:
                    problems.append(f"{metric}{{{key}}}: the label '{key}' is on no series of {exporter}'s scrape ({q['source']}: {q['expr']})")
        elif allow(metric):
            any_allowed = True
        else:
            problems.append(f"{metric}: in no scrape and not allow-listed ({q['source']}: {q['expr']})")
    if not any_allowed:
        for key in q["grouped"]:
            if key not in labels_of_query:
                problems.append(f"by/on ({key}): no metric of the query has that label ({q['source']}: {q['expr']})")

for p in sorted(set(problems)):
    print(p)
if catalog:
    with open(catalog, "w") as out:
        out.write("# metric\texporter\tlabel keys the scrape shows (written by .ci/programs/exporters.sh)\n")
        for metric, (exporter, keys) in sorted(used.items()):
            out.write(f"{metric}\t{exporter}\t{','.join(sorted(keys))}\n")
exporters = sorted({e for e, _ in used.values()})
print(f"metrics check: {sum(counts.values())} queries ({counts['alert']} alerts, {counts['recording']} recording rules, "
      f"{counts['dashboard']} dashboard queries); {len(used)} metrics found in the scrapes of {', '.join(exporters)}; "
      f"{len(problems)} problems")
sys.exit(1 if problems else 0)
