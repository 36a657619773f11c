package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The local API signing key on disk, in {@code <dataDir>/api-auth/}: {@code signing-key.pem} (PKCS#8, mode 0600) and
 * {@code public-key.pem} (X.509 SubjectPublicKeyInfo, what the services read). The private key is the one source of
 * truth: the public file is derived from it and rewritten when it is missing or differs. Each file is written to a
 * temporary file, forced to disk and renamed into place, so a crash leaves the old file or the new one, never half a
 * key; a file lock keeps two processes from making two different keys at once.
 */
final class ApiKeyFiles {

    static final String DIR = "api-auth";
    static final String PRIVATE_KEY = "signing-key.pem";
    static final String PUBLIC_KEY = "public-key.pem";
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    private final Path dir;

    ApiKeyFiles(Path dataDir) {
        this.dir = dataDir.toAbsolutePath().normalize().resolve(DIR);
    }

    Path privateKeyFile() {
        return dir.resolve(PRIVATE_KEY);
    }

    Path publicKeyFile() {
        return dir.resolve(PUBLIC_KEY);
    }

    KeyPair loadOrCreate() {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                KeyPair keys = Files.exists(privateKeyFile()) ? read() : generate();
                if (!Files.exists(privateKeyFile())) {
                    write(privateKeyFile(), pem(PRIVATE_LABEL, keys.getPrivate().getEncoded()), "rw-------");
                }
                String publicPem = pem(PUBLIC_LABEL, keys.getPublic().getEncoded());
                if (!Files.exists(publicKeyFile()) || !Files.readString(publicKeyFile()).equals(publicPem)) {
                    write(publicKeyFile(), publicPem, "rw-r--r--");
                }
                return keys;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the API signing key in " + dir, e);
        }
    }

    KeyPair loadExisting() {
        if (!Files.exists(privateKeyFile())) {
            throw new IllegalStateException("no API signing key in " + dir + " yet: start ./run local first (with this DATA_DIR)");
        }
        try {
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + privateKeyFile(), e);
        }
    }

    private KeyPair read() throws IOException {
        String text = Files.readString(privateKeyFile(), StandardCharsets.US_ASCII);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(unpem(PRIVATE_LABEL, text)));
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException(privateKeyFile() + " is no RSA private key with its public exponent");
            }
            BigInteger exponent = crt.getPublicExponent();
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), exponent)), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(privateKeyFile() + " is no PKCS#8 RSA private key (" + e.getMessage()
                    + "); delete " + dir + " to make a new key (tokens signed with the old one stop working)", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make an RSA key pair: " + e.getMessage(), e);
        }
    }

    private void write(Path file, String content, String permissions) throws IOException {
        FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>> mode =
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
        Path partial = Files.createTempFile(dir, file.getFileName() + ".", ".partial", mode);
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String label, String text) {
        int begin = text.indexOf("-----BEGIN " + label + "-----");
        int end = text.indexOf("-----END " + label + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no -----BEGIN " + label + "----- block");
        }
        return Base64.getMimeDecoder().decode(text.substring(begin + label.length() + 16, end));
    }
}
