package dev.cqrs.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local issuer's tokens verify with the public key file the services get, with the claims of the contract. */
class ApiTokensTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    @Test
    void aCustomerTokenVerifiesWithThePublicKeyFileAndCarriesTheContractsClaims() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        String token = tokens.customer("c-42");

        assertThat(verifies(token, readPublicKey(tokens.publicKeyFile()))).isTrue();
        JsonNode header = part(token, 0);
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        assertThat(header.path("typ").asString()).isEqualTo("JWT");
        assertThat(header.path("kid").asString()).isEqualTo(tokens.keyId()).isNotBlank();
        JsonNode claims = part(token, 1);
        assertThat(claims.path("iss").asString()).isEqualTo("orders-local");
        assertThat(claims.path("aud").asString()).isEqualTo("orders-api");
        assertThat(claims.path("sub").asString()).isEqualTo("c-42");
        assertThat(claims.path("scope").asString()).isEqualTo("orders:read orders:write");
        long now = System.currentTimeMillis() / 1000;
        assertThat(claims.path("iat").asLong()).isBetween(now - 5, now + 1);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void theStaffTokenHasTheStaffScopeAndATtlCanBeChosen() {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        JsonNode staff = part(tokens.staff(), 1);
        assertThat(staff.path("sub").asString()).isEqualTo("staff");
        assertThat(staff.path("scope").asString()).isEqualTo("orders:read orders:write orders:staff");
        JsonNode shortLived = part(tokens.staff("alice", Duration.ofMinutes(5)), 1);
        assertThat(shortLived.path("sub").asString()).isEqualTo("alice");
        assertThat(shortLived.path("exp").asLong() - shortLived.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void mintSignsWhateverClaimsItIsGivenSoTestsCanCraftBadTokens() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        Map<String, Object> claims = new HashMap<>(tokens.claims("c-1", ApiTokens.CUSTOMER_SCOPE, Duration.ofHours(1)));
        claims.put("exp", 1_000L);
        claims.put("aud", "someone-else");
        claims.put("note", "quote \" and backslash \\ and é");
        String token = tokens.mint(claims);

        assertThat(verifies(token, tokens.publicKey())).isTrue();
        JsonNode decoded = part(token, 1);
        assertThat(decoded.path("exp").asLong()).isEqualTo(1_000L);
        assertThat(decoded.path("aud").asString()).isEqualTo("someone-else");
        assertThat(decoded.path("note").asString()).isEqualTo("quote \" and backslash \\ and é");
    }

    /** The planted defect: a token whose claims were changed after signing must not verify. */
    @Test
    void aTamperedTokenDoesNotVerify() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        String[] parts = tokens.customer("c-42").split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("c-42", "c-43")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(verifies(forged, tokens.publicKey())).isFalse();
    }

    @Test
    void theSameDataDirGivesTheSameKeySoTokensSurviveARestart() throws Exception {
        ApiTokens first = ApiTokens.forDataDir(dataDir);
        String token = first.customer("c-7");
        ApiTokens second = ApiTokens.forDataDir(dataDir);
        ApiTokens existing = ApiTokens.existing(dataDir);

        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(existing.keyId()).isEqualTo(first.keyId());
        assertThat(verifies(token, readPublicKey(second.publicKeyFile()))).isTrue();
        assertThat(ApiTokens.forDataDir(dataDir.resolve("other")).publicKey()).isNotEqualTo(first.publicKey());
    }

    @Test
    void thePrivateKeyFileIsReadableByItsOwnerOnlyAndNoPartialFileIsLeft() throws Exception {
        ApiTokens.forDataDir(dataDir);
        Path dir = dataDir.resolve("api-auth");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("signing-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(dir.resolve("public-key.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void aMissingOrDifferentPublicKeyFileIsRewrittenFromThePrivateKey() throws Exception {
        ApiTokens tokens = ApiTokens.forDataDir(dataDir);
        Files.writeString(tokens.publicKeyFile(), "-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----\n");
        ApiTokens again = ApiTokens.forDataDir(dataDir);
        assertThat(readPublicKey(again.publicKeyFile())).isEqualTo(tokens.publicKey());
    }

    @Test
    void existingFailsSayingWhatToStartWhenThereIsNoKeyYet() {
        assertThatThrownBy(() -> ApiTokens.existing(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start ./run local first");
        assertThat(dataDir.resolve("api-auth")).doesNotExist();
    }

    @Test
    void aCorruptPrivateKeyIsReportedNotSilentlyReplaced() throws Exception {
        ApiTokens.forDataDir(dataDir);
        Path key = dataDir.resolve("api-auth/signing-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ApiTokens.forDataDir(dataDir)).hasMessageContaining("is no PKCS#8 RSA private key");
        assertThat(Files.readString(key)).contains("AAAA");
    }

    static boolean verifies(String token, PublicKey key) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    static PublicKey readPublicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static JsonNode part(String token, int index) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[index]).doesNotContain("=", "+", "/");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }
}
