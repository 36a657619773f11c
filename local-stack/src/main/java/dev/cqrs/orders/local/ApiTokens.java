package dev.cqrs.orders.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * The local issuer of the public APIs' bearer tokens: RS256 JWTs signed with a key pair kept in
 * {@code <dataDir>/api-auth/} (see {@link ApiKeyFiles}), so tokens stay valid across restarts of the same data
 * directory. The services only get the public key; production uses a real issuer's JWK set instead.
 */
public final class ApiTokens {

    public static final String ISSUER = "orders-local";
    public static final String AUDIENCE = "orders-api";
    public static final String CUSTOMER_SCOPE = "orders:read orders:write";
    public static final String STAFF_SCOPE = "orders:read orders:write orders:staff";
    public static final String STAFF_SUBJECT = "staff";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Above this many cached tokens the cache starts over: a bound for load generators with many customers. */
    private static final int CACHE_LIMIT = 10_000;

    private record Minted(String token, Instant reuseUntil) {
    }

    private final KeyPair keys;
    private final Path publicKeyFile;
    private final String keyId;
    private final Clock clock;
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();

    ApiTokens(KeyPair keys, Path publicKeyFile, Clock clock) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
        this.keyId = thumbprint((RSAPublicKey) keys.getPublic());
        this.clock = clock;
    }

    /** Loads the data directory's key pair, making it first (once, atomically) when there is none. */
    public static ApiTokens forDataDir(Path dataDir) {
        ApiKeyFiles files = new ApiKeyFiles(dataDir);
        return new ApiTokens(files.loadOrCreate(), files.publicKeyFile(), Clock.systemUTC());
    }

    /**
     * Loads the key pair a {@code ./run local} made; fails with {@link IllegalStateException} saying so when the data
     * directory has none yet (a client must not invent a key the services do not know).
     */
    public static ApiTokens existing(Path dataDir) {
        ApiKeyFiles files = new ApiKeyFiles(dataDir);
        return new ApiTokens(files.loadExisting(), files.publicKeyFile(), Clock.systemUTC());
    }

    /**
     * {@code Bearer <staff token>} from the key a {@code ./run local} made in {@code dataDir}, for the CLI's clients;
     * empty when there is none (then only a system with API_AUTH_ENABLED=false answers them).
     */
    static Optional<String> staffAuthorizationIn(Path dataDir) {
        if (!Files.exists(new ApiKeyFiles(dataDir).privateKeyFile())) {
            return Optional.empty();
        }
        return Optional.of("Bearer " + existing(dataDir).staff());
    }

    /** The X.509 SubjectPublicKeyInfo PEM the services verify with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The header's {@code kid}: the key's RFC 7638 JWK thumbprint. */
    public String keyId() {
        return keyId;
    }

    /**
     * A customer's token for {@link #DEFAULT_TTL}; the same token is handed out again while it has more than half its
     * lifetime left, so a load generator does not pay an RSA signature per request.
     */
    public String customer(String customerId) {
        return cached("customer:" + customerId, () -> customer(customerId, DEFAULT_TTL));
    }

    public String customer(String customerId, Duration ttl) {
        return mint(claims(customerId, CUSTOMER_SCOPE, ttl));
    }

    /** The staff token (subject {@value #STAFF_SUBJECT}), reused as {@link #customer(String)} is. */
    public String staff() {
        return cached("staff:" + STAFF_SUBJECT, () -> staff(STAFF_SUBJECT, DEFAULT_TTL));
    }

    public String staff(Duration ttl) {
        return staff(STAFF_SUBJECT, ttl);
    }

    /** A staff token for a named member of staff. */
    public String staff(String subject, Duration ttl) {
        return mint(claims(subject, STAFF_SCOPE, ttl));
    }

    /** The claims this issuer puts in a token (iss, aud, sub, iat, exp, scope), for tests to alter before {@link #mint}. */
    public Map<String, Object> claims(String subject, String scope, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a token needs a subject");
        }
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("iat", now);
        claims.put("exp", now + ttl.toSeconds());
        claims.put("scope", scope);
        return claims;
    }

    /** Signs exactly these claims (RS256), whatever they say: expired, another audience, no scope. */
    public String mint(Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a token: " + e.getMessage(), e);
        }
    }

    private String cached(String key, Supplier<String> mint) {
        Instant now = clock.instant();
        Minted minted = cache.get(key);
        if (minted != null && now.isBefore(minted.reuseUntil())) {
            return minted.token();
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        String token = mint.get();
        cache.put(key, new Minted(token, now.plus(DEFAULT_TTL.dividedBy(2))));
        return token;
    }

    private static String encode(Map<String, Object> json) {
        return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
    }

    private static String thumbprint(RSAPublicKey key) {
        String jwk = "{\"e\":\"" + BASE64URL.encodeToString(unsigned(key.getPublicExponent().toByteArray()))
                + "\",\"kty\":\"RSA\",\"n\":\"" + BASE64URL.encodeToString(unsigned(key.getModulus().toByteArray())) + "\"}";
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** BigInteger's bytes without the sign byte, as JWK's base64url integers are written. */
    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
