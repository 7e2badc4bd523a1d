package io.neotool.gitops.components.vault;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.jspecify.annotations.Nullable;

/**
 * An operator's OpenPGP public key as the config gives it (ASCII armour), in the form Vault's
 * {@code sys/init} takes ({@code pgp_keys}: the binary key, base64), with its fingerprint for the
 * runbook. Read by Bouncy Castle, so that a private key, two keys or a key that cannot encrypt is
 * refused before a share is encrypted to it.
 */
record OperatorKey(String base64, String fingerprint) {

    /** The key of a config whose {@link VaultSettings#validate} passed. */
    static OperatorKey of(String armoured) {
        try {
            PGPPublicKeyRing ring = ring(armoured);
            return new OperatorKey(
                    Base64.getEncoder().encodeToString(ring.getEncoded()),
                    HexFormat.of()
                            .formatHex(ring.getPublicKey().getFingerprint())
                            .toUpperCase(Locale.ROOT));
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("a checked OpenPGP key no longer reads", e);
        }
    }

    /** What is wrong with the armoured key, or null when Vault can encrypt a share to it. */
    static @Nullable String problem(String armoured) {
        if (armoured.contains("PRIVATE KEY BLOCK")) {
            return "is a private key: give the operator's public key, and treat this one as leaked";
        }
        if (!armoured.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
            return "is not an ASCII-armoured OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----)";
        }
        try {
            PGPPublicKeyRing ring = ring(armoured);
            for (PGPPublicKey key : ring) {
                if (encrypts(key)) {
                    return null;
                }
            }
            return "has no key that can encrypt (an encryption subkey), so no share can be encrypted to it";
        } catch (IOException | PGPException | IllegalArgumentException e) {
            return "does not read as an OpenPGP public key: " + e.getMessage();
        }
    }

    /**
     * Whether the key may encrypt: an encryption algorithm, not revoked, and, where its self
     * signatures give key flags (as every current key's do), one that allows encryption.
     */
    private static boolean encrypts(PGPPublicKey key) {
        if (!key.isEncryptionKey() || key.hasRevocation()) {
            return false;
        }
        int flags = 0;
        boolean flagged = false;
        for (Iterator<PGPSignature> it = key.getSignatures(); it.hasNext(); ) {
            PGPSignatureSubpacketVector hashed = it.next().getHashedSubPackets();
            if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
                flagged = true;
                flags |= hashed.getKeyFlags();
            }
        }
        return !flagged || (flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0;
    }

    private static PGPPublicKeyRing ring(String armoured) throws IOException, PGPException {
        try (InputStream in =
                PGPUtil.getDecoderStream(
                        new ByteArrayInputStream(armoured.getBytes(StandardCharsets.US_ASCII)))) {
            List<PGPPublicKeyRing> rings = new ArrayList<>();
            Iterator<PGPPublicKeyRing> it =
                    new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator())
                            .getKeyRings();
            it.forEachRemaining(rings::add);
            if (rings.size() != 1) {
                throw new PGPException(
                        rings.size() + " keys in one block: give each operator their own");
            }
            return rings.get(0);
        }
    }
}
