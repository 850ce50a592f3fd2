package io.switchboard.carrier;

import java.util.Map;

/**
 * One configured carrier account, as its adapter sees it: which provider it is, where its API is,
 * its credentials (decrypted, in memory only) and its non-secret settings.
 *
 * @param id the carrier id of the routing tables and rate decks ({@code twilio}, {@code telnyx-eu})
 * @param provider the provider name ({@code twilio}, {@code telnyx}, ...), one of
 *     {@link CarrierProvider#name()}
 * @param baseUrl the API's base URL without a trailing slash ({@code https://api.twilio.com}, or a
 *     sandbox carrier's {@code http://127.0.0.1:43817})
 * @param credentials the provider's credentials by name ({@code account_sid}, {@code auth_token});
 *     names are those of {@link CarrierProvider#requiredCredentials()}
 * @param settings non-secret provider settings ({@code from_number}, {@code application_id}, ...)
 * @param webhookBaseUrl where the carrier reaches our webhooks for this account, without a trailing
 *     slash: {@code https://sb.example.com/v1/webhooks/<id>}; a provider appends its own path
 */
public record CarrierAccount(String id, String provider, String baseUrl, Map<String, String> credentials,
                             Map<String, String> settings, String webhookBaseUrl) {

    /** Copies the maps. */
    public CarrierAccount {
        credentials = Map.copyOf(credentials);
        settings = Map.copyOf(settings);
    }

    /**
     * @param name a credential name, e.g. {@code auth_token}
     * @return its value
     * @throws IllegalStateException if the account has no such credential (a configuration error:
     *     the message names the carrier and the credential, never a value)
     */
    public String credential(String name) {
        String value = credentials.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("carrier '" + id + "' has no credential '" + name + "'");
        }
        return value;
    }

    /**
     * @param name a setting name, e.g. {@code from_number}
     * @param fallback the value when the setting is absent
     * @return the setting's value or {@code fallback}
     */
    public String setting(String name, String fallback) {
        String value = settings.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** @return a copy with another base URL (a sandbox carrier's, known once it listens) */
    public CarrierAccount withBaseUrl(String url) {
        return new CarrierAccount(id, provider, url, credentials, settings, webhookBaseUrl);
    }

    /** @return a copy with another webhook base URL */
    public CarrierAccount withWebhookBaseUrl(String url) {
        return new CarrierAccount(id, provider, baseUrl, credentials, settings, url);
    }

    /** Never prints credentials. */
    @Override
    public String toString() {
        return "CarrierAccount[" + id + " (" + provider + ") " + baseUrl + "]";
    }
}
