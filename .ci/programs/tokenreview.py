"""A stand-in for the Kubernetes API's TokenReview, for Vault's Kubernetes auth method in the harness.

    tokenreview.py token KEYFILE NAMESPACE SERVICEACCOUNT AUDIENCE   # prints a projected-style token
    tokenreview.py serve KEYFILE PORT CERT KEY                       # HTTPS on 127.0.0.1:PORT

Tokens are shaped as the kubelet's projected service-account tokens (RS256 header, the kubernetes.io
claims Vault reads); their signature is an HMAC with the run's key, which only this server checks,
as only the API server checks a real token's. A review answers as kube-apiserver does: authenticated
only for a token it minted, unexpired, whose audiences meet the review's spec.audiences (the
server's own, "https://kubernetes.default.svc.cluster.local", when the review names none).
"""
import base64, hashlib, hmac, http.server, json, ssl, sys, time, uuid

API_AUDIENCE = "https://kubernetes.default.svc.cluster.local"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key(path):
    return open(path, "rb").read()


def mint(secret, namespace, name, audience):
    now = int(time.time())
    uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}/{name}"))
    claims = {"aud": [audience], "exp": now + 3600, "iat": now, "nbf": now,
              "iss": API_AUDIENCE, "sub": f"system:serviceaccount:{namespace}:{name}",
              "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": name, "uid": uid}}}
    signing = b64(json.dumps({"alg": "RS256", "kid": "harness"}).encode()) + "." + b64(json.dumps(claims).encode())
    return signing + "." + b64(hmac.new(secret, signing.encode(), hashlib.sha256).digest())


def review(secret, token, audiences):
    try:
        header, payload, signature = token.split(".")
        if not hmac.compare_digest(unb64(signature), hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()):
            return {"authenticated": False, "error": "invalid bearer token"}
        claims = json.loads(unb64(payload))
    except ValueError:
        return {"authenticated": False, "error": "invalid bearer token"}
    if claims["exp"] < time.time():
        return {"authenticated": False, "error": "token has expired"}
    wanted = audiences or [API_AUDIENCE]
    common = [a for a in claims["aud"] if a in wanted]
    if not common:
        return {"authenticated": False, "error": "token audiences %s is invalid for the target audiences %s" % (claims["aud"], wanted)}
    k8s = claims["kubernetes.io"]
    return {"authenticated": True, "audiences": common,
            "user": {"username": claims["sub"], "uid": k8s["serviceaccount"]["uid"],
                     "groups": ["system:serviceaccounts", "system:serviceaccounts:" + k8s["namespace"], "system:authenticated"]}}


def serve(secret, port, cert, keyfile):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            if self.path != "/apis/authentication.k8s.io/v1/tokenreviews":
                self.send_error(404)
                return
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            spec = body.get("spec", {})
            answer = {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": spec,
                      "status": review(secret, spec.get("token", ""), spec.get("audiences") or [])}
            data = json.dumps(answer).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, keyfile)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()


if __name__ == "__main__":
    if sys.argv[1] == "token":
        print(mint(key(sys.argv[2]), *sys.argv[3:6]))
    else:
        serve(key(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5])
