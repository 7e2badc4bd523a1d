"""Passwords for the harness: fixed hard cases, then a bounded random sample from the whole
printable range (ASCII 0x20-0x7e plus letters outside ASCII). One per line on stdout.

    passwords.py COUNT [SEED]   # SEED defaults to a fresh one, printed on stderr to replay a failure
"""
import random
import sys

FIXED = [
    'p"@ss:/w?#%+ d\\x é',          # quote, URL and shell specials, a backslash, a space, unicode
    "'quoted' \"double\" `tick`",
    "user:pass@host/db?x=1#frag",
    "%41%zz%",
    "$HOME $(id) ${x} \\$ & | ; < >",
    " leading and trailing ",
    "{{ .Data.data.password }}",    # template syntax is data, not template
    "日本語パスワード",
    "\\\\\\",
]
ALPHABET = [chr(c) for c in range(0x20, 0x7F)] + list("éßøπжあ中😀")

count = int(sys.argv[1])
seed = int(sys.argv[2]) if len(sys.argv) > 2 else random.SystemRandom().randrange(2**32)
print(f"passwords: {len(FIXED)} fixed, {max(0, count - len(FIXED))} random (seed {seed})", file=sys.stderr)
rng = random.Random(seed)
out = FIXED[:count]
while len(out) < count:
    out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 40))))
for p in out:
    assert "\n" not in p
    print(p)
