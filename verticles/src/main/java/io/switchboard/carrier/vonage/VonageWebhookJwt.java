package io.switchboard.carrier.vonage;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.carrier.Signing;
import io.switchboard.carrier.WebhookCheck;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * Vonage's signed Voice webhooks: {@code Authorization: Bearer <JWT>}, HS256 under the account's
 * signature secret, claims {@code iat}, {@code jti}, {@code iss=Vonage}, {@code payload_hash}
 * (hex SHA-256 of the raw body), {@code api_key}, {@code application_id}.
 *
 * <p>Checks: the HS256 signature (nimbus-jose-jwt); {@code payload_hash}, when present, against
 * the body; {@code exp} when present; and, as replay protection, {@code iat} within
 * {@link #WINDOW} of now (the same ±5 min the SMS {@code sig} scheme uses).
 *
 * <p>Follows https://developer.vonage.com/en/getting-started/concepts/webhooks#decoding-signed-webhooks
 * and vonage-java-sdk {@code Jwt.verifySignature}.
 */
public final class VonageWebhookJwt {

    /** The accepted distance between {@code iat} and now. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private VonageWebhookJwt() {
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param body the raw body
     * @param secret the signature secret (UTF-8; HS256 needs at least 32 bytes)
     * @param now the time of receipt
     * @return ok; 401 when the header is missing, not Bearer, not a JWT, not HS256 or has no
     *     {@code iat}; 403 when the signature, {@code payload_hash}, {@code exp} or {@code iat} window fails
     */
    public static WebhookCheck verify(String authorization, byte[] body, String secret, Instant now) {
        if (authorization == null || authorization.isBlank()) {
            return WebhookCheck.unauthorized("no Authorization header");
        }
        if (!authorization.trim().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return WebhookCheck.unauthorized("Authorization is not a Bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.trim().substring(7).trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return WebhookCheck.unauthorized("Bearer token is not a JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return WebhookCheck.unauthorized("JWT is not HS256");
        }
        if (claims.getIssueTime() == null) {
            return WebhookCheck.unauthorized("JWT has no iat");
        }
        try {
            if (!jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                return WebhookCheck.forbidden("JWT signature does not match the signature secret");
            }
        } catch (JOSEException e) {
            return WebhookCheck.forbidden("JWT cannot be verified: " + e.getMessage());
        }
        Object hash = claims.getClaim("payload_hash");
        if (hash != null
                && !Signing.constantTimeEquals(payloadHash(body), hash.toString().toLowerCase(java.util.Locale.ROOT))) {
            return WebhookCheck.forbidden("payload_hash does not match the body");
        }
        Date exp = claims.getExpirationTime();
        if (exp != null && exp.toInstant().isBefore(now)) {
            return WebhookCheck.forbidden("JWT expired");
        }
        Instant iat = claims.getIssueTime().toInstant();
        if (Duration.between(iat, now).abs().compareTo(WINDOW) > 0) {
            return WebhookCheck.forbidden("JWT iat outside ±" + WINDOW.toSeconds() + " s");
        }
        return WebhookCheck.ok();
    }

    /**
     * Signs a webhook as Vonage does (used by the simulator).
     *
     * @return the {@code Authorization} value, {@code Bearer <jwt>}
     */
    public static String bearer(byte[] body, String secret, String apiKey, String applicationId, Instant now, String jti) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS)))
                .jwtID(jti).issuer("Vonage").claim("payload_hash", payloadHash(body)).claim("api_key", apiKey)
                .claim("application_id", applicationId).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the webhook JWT", e);
        }
        return "Bearer " + jwt.serialize();
    }

    /** @return hex SHA-256 of {@code body} */
    public static String payloadHash(byte[] body) {
        return Signing.hex(Signing.digest("SHA-256", body));
    }
}
