"""The server config a Vault HelmRelease gives the chart, for a Vault on 127.0.0.1: the listener's
and the cluster's addresses and the volume's path changed, nothing else.

  vault-config.py RELEASE DIR API_PORT CLUSTER_PORT [--members P0,P1,P2] [--file-storage]

Writes DIR/vault.hcl (data under DIR/data). An HA release's config (server.ha.raft.config) needs
--members, the API ports of its three members: each retry_join address becomes that member's, and
the Kubernetes service registration (which needs the API server) is left out; a standalone
release's config ignores it. --file-storage puts the file backend in place of raft, as this generator's
layout had it before integrated storage.
"""
import argparse, os, re, yaml

parser = argparse.ArgumentParser()
parser.add_argument("release")
parser.add_argument("dir")
parser.add_argument("api")
parser.add_argument("cluster")
parser.add_argument("--members")
parser.add_argument("--file-storage", action="store_true")
a = parser.parse_args()

server = yaml.safe_load(open(a.release))["spec"]["values"]["server"]
ha = server["ha"].get("enabled")
config = server["ha"]["raft"]["config"] if ha else server["standalone"]["config"]
pairs = [('"[::]:8200"', f'"127.0.0.1:{a.api}"'), ('"[::]:8201"', f'"127.0.0.1:{a.cluster}"'),
         ('"/vault/data/raft"', f'"{a.dir}/data/raft"')]
if ha:
    assert server["ha"]["replicas"] == 3 and server["ha"]["raft"]["setNodeId"] is True
    members = a.members.split(",")
    pairs += [(f'"http://vault-{j}.vault-internal:8200"', f'"http://127.0.0.1:{p}"') for j, p in enumerate(members)]
    pairs += [('service_registration "kubernetes" {}\n', "")]
for old, new in pairs:
    assert old in config, "Vault's config no longer has " + old
    config = config.replace(old, new)
if a.file_storage:
    config, n = re.subn(r'storage "raft" \{.*?\n\}', 'storage "file" {\n  path = "%s/data"\n}' % a.dir, config, flags=re.S)
    assert n == 1
os.makedirs(f"{a.dir}/data/raft", exist_ok=True)
open(f"{a.dir}/vault.hcl", "w").write(config)
