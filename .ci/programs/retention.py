"""The backup upload's retention against an S3 server holding backups of several ages.

  retention.py CONFIGMAP WORK MC

moto's S3 server runs in this process, so that each object's LastModified can be set on the server
side. The generated script's "upload" (mc cp, then mc rm --older-than <retentionDays>d) must remove
exactly this cluster's objects older than the retention, database dumps and Vault snapshots alike,
and keep the younger ones and another cluster's. Then an upload to a server that does not answer must
fail (a failed upload fails the Job, which the BackupFailed alert reports).
"""
import datetime, os, re, socket, subprocess, sys

import boto3
import yaml
from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import s3_backends
from moto.server import ThreadedMotoServer

configmap, work, mc = sys.argv[1:4]
script = yaml.safe_load(open(configmap))["data"]["backup.sh"]
days = int(re.search(r"--older-than (\d+)d", script).group(1))
bucket = re.search(r'"target/([^/]+)/([^/]+)/"', script)
bucket, prefix = bucket.group(1), bucket.group(2)


def port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def render(s3_port, out):
    text = script
    for old, new in [("/tmp/", f"{work}/retention-tmp/"),
                     ("https://neotool.r2.cloudflarestorage.com", f"http://127.0.0.1:{s3_port}"),
                     ("/vault/secrets/", f"{work}/backup-secrets/"), ("/dumps/", f"{work}/retention-dumps/")]:
        assert old in text, old
        text = text.replace(old, new)
    open(out, "w").write(text)


def upload(path):
    env = dict(os.environ, PATH=os.path.dirname(mc) + ":" + os.environ["PATH"], MC_CONFIG_DIR=f"{work}/retention-mc")
    return subprocess.run(["sh", path, "upload"], env=env, capture_output=True, text=True)


s3_port = port()
server = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port)
server.start()
try:
    os.makedirs(f"{work}/retention-tmp", exist_ok=True)
    os.makedirs(f"{work}/retention-dumps/2026-12-05T030000Z", exist_ok=True)
    open(f"{work}/retention-dumps/2026-12-05T030000Z/app.dump", "w").write("today's dump")
    s3 = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{s3_port}", region_name="us-east-1",
                      aws_access_key_id="test-key", aws_secret_access_key="test/secret+key=")
    s3.create_bucket(Bucket=bucket)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    ages = {  # key -> age in days
        f"{prefix}/2026-11-01T030000Z/app.dump": days + 6,
        f"{prefix}/2026-11-01T030000Z/roles.sql": days + 6,
        f"{prefix}/vault/2026-11-01T030000Z.snap": days + 1,
        f"{prefix}/2026-11-21T030000Z/app.dump": days - 1,
        f"{prefix}/vault/2026-12-04T030000Z.snap": 1,
        f"other-cluster/2026-11-01T030000Z/app.dump": days + 6,
    }
    for key in ages:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    store = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].buckets[bucket].keys
    for key, age in ages.items():
        store[key].last_modified = now - datetime.timedelta(days=age)
    render(s3_port, f"{work}/retention.sh")
    result = upload(f"{work}/retention.sh")
    assert result.returncode == 0, result.stdout + result.stderr
    left = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))
    expected = sorted([k for k, age in ages.items() if age < days or not k.startswith(prefix + "/")]
                      + [f"{prefix}/2026-12-05T030000Z/app.dump"])
    assert left == expected, f"after the retention of {days} days: {left}, expected {expected}"
    # an upload that cannot reach the server fails, and so does the Job
    render(port(), f"{work}/unreachable.sh")
    failed = upload(f"{work}/unreachable.sh")
    assert failed.returncode != 0, "an upload to a server that does not answer succeeded"
    print(f"retention: {days} days removed the {len(ages) + 1 - len(left)} objects of {prefix}/ older than that "
          f"(dumps and a Vault snapshot), kept {len(left)} (younger, today's, another cluster's); "
          f"an unreachable upload exits {failed.returncode}")
finally:
    server.stop()
