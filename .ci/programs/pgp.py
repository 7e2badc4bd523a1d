"""The operators' side of Vault's initialisation, with PGPy (OpenPGP in Python):

  pgp.py new NAME DIR          an RSA key pair: DIR/NAME.asc (public, armoured), DIR/NAME.key (private)
  pgp.py decrypt KEYFILE       decrypts a base64 OpenPGP message from stdin (what Vault returns for a
                               share or the root token), prints the clear text
  pgp.py config CONFIG DIR T ROOT NAME...   adds infrastructure.vault.unseal to CONFIG: threshold T,
                               the operators NAME... (their DIR/NAME.asc) in share order, ROOT's key for
                               the root token
"""
import base64, sys, warnings

warnings.filterwarnings("ignore")  # PGPy names ciphers cryptography has moved
import pgpy  # noqa: E402
from pgpy.constants import (CompressionAlgorithm, HashAlgorithm, KeyFlags,  # noqa: E402
                            PubKeyAlgorithm, SymmetricKeyAlgorithm)


def new(name, out):
    key = pgpy.PGPKey.new(PubKeyAlgorithm.RSAEncryptOrSign, 3072)
    key.add_uid(pgpy.PGPUID.new(name, email=name + "@operators.invalid"),
                usage={KeyFlags.Sign, KeyFlags.EncryptCommunications, KeyFlags.EncryptStorage},
                hashes=[HashAlgorithm.SHA256], ciphers=[SymmetricKeyAlgorithm.AES256],
                compression=[CompressionAlgorithm.Uncompressed])
    open(f"{out}/{name}.asc", "w").write(str(key.pubkey))
    open(f"{out}/{name}.key", "w").write(str(key))


def decrypt(keyfile):
    key, _ = pgpy.PGPKey.from_file(keyfile)
    message = pgpy.PGPMessage.from_blob(base64.b64decode(sys.stdin.read().strip()))
    clear = key.decrypt(message).message
    sys.stdout.write(clear.decode() if isinstance(clear, (bytes, bytearray)) else clear)


def config(path, keys, threshold, root, names):
    lines = open(path).read().split("\n")
    at = lines.index("  vault:") + 1
    block = ["    unseal:", f"      threshold: {threshold}", f"      rootToken: {root}", "      operators:"]
    for name in names:
        block += [f"        - name: {name}", "          pgpKey: |"]
        block += ["            " + l if l else "" for l in open(f"{keys}/{name}.asc").read().strip().split("\n")]
    open(path, "w").write("\n".join(lines[:at] + block + lines[at:]))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "new":
        new(sys.argv[2], sys.argv[3])
    elif command == "decrypt":
        decrypt(sys.argv[2])
    elif command == "config":
        config(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    else:
        sys.exit(__doc__)
