package io.aisle.serving.config;

import io.aisle.recommender.storage.AtomicFiles;
import io.aisle.serving.tenancy.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the master key comes from: {@code AISLE_MASTER_KEY} when set, otherwise a key file in
 * the embedded home folder, created with owner-only permissions on first use.
 */
public final class MasterKeys {

    private MasterKeys() {
    }

    public static SecretCipher cipher(String configuredBase64, Path home) {
        if (!configuredBase64.isBlank()) {
            return SecretCipher.fromBase64(configuredBase64);
        }
        Path file = home.resolve("master.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path temporary = Files.createTempFile(home, ".master-", ".key",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, Base64.getEncoder().encodeToString(key));
                AtomicFiles.force(temporary);
                try {
                    AtomicFiles.move(temporary, file);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    Files.delete(temporary);
                }
            }
            return SecretCipher.fromBase64(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }
}
