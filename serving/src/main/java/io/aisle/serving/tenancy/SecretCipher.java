package io.aisle.serving.tenancy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts key secrets at rest with AES-256-GCM under the master key. The stored form is
 * base64(nonce ‖ ciphertext ‖ tag), with the key id as associated data so a secret cannot be
 * moved to another key's record. Thread-safe.
 */
public final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec masterKey;
    private final SecureRandom random = new SecureRandom();

    /** @param masterKey exactly 32 bytes */
    public SecretCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes but was " + masterKey.length);
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** Reads a base64 master key, as {@code AISLE_MASTER_KEY} carries it. */
    public static SecretCipher fromBase64(String base64) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master key must be base64 of 32 bytes: " + e.getMessage(), e);
        }
    }

    public String encrypt(String keyId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, keyId, secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException when the record was tampered with or the master key is wrong */
    public String decrypt(String keyId, String stored) {
        byte[] all = Base64.getDecoder().decode(stored);
        if (all.length <= NONCE_BYTES) {
            throw new IllegalStateException("stored secret of key " + keyId + " is truncated");
        }
        byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, keyId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " the secret of key " + keyId + " (wrong master key?)", e);
        }
    }
}
