#!/usr/bin/env python3
"""Builds the JSON Schema catalog that `neotool:validate`, kubeconform and the tests read.

Layout, as in the catalog of github.com/fluxcd/flux-schema: {group}/{kind}_{version}.json, "core" for
the core group, kind in lower case; every schema standalone (no $ref) and strict
(additionalProperties: false wherever the API does not allow unknown fields).

Inputs, both from the package registries (CI has no other network):
  --kubernetes  the "vX.Y.0-local-strict" folder of the PyPI package kubernetes-validate
  --crds        CustomResourceDefinition YAML files (generated from the Flux API modules by controller-gen)
"""
import argparse
import copy
import json
import os
import sys

import yaml

DRAFT = "http://json-schema.org/draft-07/schema#"


def inline(node, defs, seen=()):
    """Replaces every $ref into the definitions by a copy of its target."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and "#/$defs/" in ref:
            name = ref.split("#/$defs/", 1)[1]
            if name in seen:  # recursive type: accept anything rather than loop
                return {}
            target = inline(defs[name], defs, seen + (name,))
            rest = {k: inline(v, defs, seen) for k, v in node.items() if k != "$ref"}
            merged = dict(target)
            merged.update(rest)
            return merged
        return {k: inline(v, defs, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [inline(v, defs, seen) for v in node]
    return node


def kubernetes(folder, out):
    with open(os.path.join(folder, "_definitions.json")) as f:
        defs = json.load(f)["$defs"]
    count = 0
    for name, schema in sorted(defs.items()):
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            group = gvk["group"] or "core"
            standalone = inline(copy.deepcopy(schema), defs, (name,))
            standalone.pop("x-kubernetes-group-version-kind", None)
            standalone["$schema"] = DRAFT
            write(out, group, gvk["kind"], gvk["version"], standalone)
            count += 1
    return count


def strict(node):
    """OpenAPI v3 (as in CRDs) to strict JSON Schema."""
    if isinstance(node, list):
        return [strict(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: strict(v) for k, v in node.items()}
    if node.pop("x-kubernetes-int-or-string", False):
        node.pop("type", None)
        node["oneOf"] = [{"type": "integer"}, {"type": "string"}]
    preserve = node.pop("x-kubernetes-preserve-unknown-fields", False)
    if node.pop("nullable", False) and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    for key in [k for k in node if k.startswith("x-kubernetes-")]:
        node.pop(key)
    is_object = node.get("type") == "object" or (isinstance(node.get("type"), list) and "object" in node["type"])
    if is_object and "properties" in node and "additionalProperties" not in node and not preserve:
        node["additionalProperties"] = False
    return node


def crds(folder, object_meta, out):
    count = 0
    for file in sorted(os.listdir(folder)):
        if not file.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, file)) as f:
            for doc in yaml.safe_load_all(f):
                if not doc or doc.get("kind") != "CustomResourceDefinition":
                    continue
                spec = doc["spec"]
                for version in spec["versions"]:
                    schema = strict(copy.deepcopy(version["schema"]["openAPIV3Schema"]))
                    props = schema.setdefault("properties", {})
                    props["apiVersion"] = {"type": "string", "enum": [spec["group"] + "/" + version["name"]]}
                    props["kind"] = {"type": "string", "enum": [spec["names"]["kind"]]}
                    props["metadata"] = copy.deepcopy(object_meta)
                    props.pop("status", None)
                    schema["additionalProperties"] = False
                    schema["$schema"] = DRAFT
                    write(out, spec["group"], spec["names"]["kind"], version["name"], schema)
                    count += 1
    return count


def write(out, group, kind, version, schema):
    folder = os.path.join(out, group)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"{kind.lower()}_{version}.json"), "w") as f:
        json.dump(schema, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kubernetes", required=True)
    parser.add_argument("--crds", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(os.path.join(args.kubernetes, "_definitions.json")) as f:
        defs = json.load(f)["$defs"]
    object_meta = inline(copy.deepcopy(defs["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]), defs)
    k = kubernetes(args.kubernetes, args.out)
    c = crds(args.crds, object_meta, args.out)
    print(f"schema catalog: {k} Kubernetes and {c} custom resource schemas in {args.out}")
    return 0 if k and c else 1


if __name__ == "__main__":
    sys.exit(main())
