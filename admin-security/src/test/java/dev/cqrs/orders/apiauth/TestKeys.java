package dev.cqrs.orders.apiauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** An RSA key pair whose public half is a PEM file, and JWTs signed with it (or with a stranger's key). */
final class TestKeys {

    static final TestKeys ISSUER = new TestKeys();
    static final TestKeys STRANGER = new TestKeys();

    private final KeyPair pair;

    private TestKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as Spring Boot's public-key-location reads it. */
    String publicKeyLocation() {
        try {
            Path file = Files.createTempFile("api-auth-test", ".pem");
            file.toFile().deleteOnExit();
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
            return "file:" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String token(String subject, String scope, String audience, Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer("test-issuer").audience(List.of(audience))
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).claim("scope", scope);
        if (subject != null) {
            claims.subject(subject);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String customer(String customerId) {
        return token(customerId, "orders:read orders:write", "orders-api", Instant.now().plusSeconds(600));
    }
}
