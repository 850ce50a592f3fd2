package io.switchboard.carrier.vonage;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The JWT Vonage's Voice API authenticates requests with: RS256, signed with the application's
 * private key, claims {@code application_id}, {@code iat}, {@code jti} and {@code exp} (Unix
 * seconds), sent as {@code Authorization: Bearer <jwt>}.
 *
 * <p>Follows https://developer.vonage.com/en/getting-started/concepts/authentication#json-web-tokens
 * and vonage-java-sdk {@code JWTAuthMethod}.
 */
public final class VonageApplicationJwt {

    /** How long a request token is valid. */
    public static final Duration VALIDITY = Duration.ofMinutes(15);

    private VonageApplicationJwt() {
    }

    /**
     * @param applicationId the Vonage application id
     * @param privateKeyPem its private key, PKCS #8 PEM
     * @param now the issue time (truncated to seconds)
     * @param jti a unique token id
     * @return the {@code Authorization} value, {@code Bearer <jwt>}
     * @throws IllegalStateException when the key is unreadable
     */
    public static String bearer(String applicationId, String privateKeyPem, Instant now, String jti) {
        Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("application_id", applicationId)
                .issueTime(Date.from(issued)).jwtID(jti).expirationTime(Date.from(issued.plus(VALIDITY))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(VonagePem.privateKey(privateKeyPem)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the Vonage JWT", e);
        }
        return "Bearer " + jwt.serialize();
    }

    /**
     * Checks a request's token as Vonage does (used by the simulator).
     *
     * @param authorization the {@code Authorization} header, or null
     * @param applicationId the application the token must name
     * @param publicKeyPem the application's public key, X.509 PEM
     * @param now the current time, for {@code exp}
     * @return null when valid, else why not
     */
    public static String problem(String authorization, String applicationId, String publicKeyPem, Instant now) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "missing Bearer token";
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7).trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return "token is not RS256";
            }
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) VonagePem.publicKey(publicKeyPem)))) {
                return "token signature does not match the application's public key";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!applicationId.equals(claims.getStringClaim("application_id"))) {
                return "token names another application";
            }
            if (claims.getIssueTime() == null || claims.getJWTID() == null) {
                return "token lacks iat or jti";
            }
            Date exp = claims.getExpirationTime();
            if (exp != null && exp.toInstant().isBefore(now)) {
                return "token expired";
            }
            return null;
        } catch (ParseException | JOSEException e) {
            return "unreadable token";
        }
    }
}
