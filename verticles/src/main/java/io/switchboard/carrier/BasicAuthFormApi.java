package io.switchboard.carrier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Requests to a carrier API that authenticates with HTTP Basic from two of the account's
 * credentials, takes {@code application/x-www-form-urlencoded} bodies and answers JSON (Twilio's
 * REST API 2010-04-01, Exotel v1). Every request carries {@code Authorization: Basic ...} and
 * {@code Accept: application/json}; a POST adds {@code Content-Type} ({@link FormBody#CONTENT_TYPE}).
 * URLs are the account's {@code baseUrl} followed by the path given.
 *
 * @param userCredential the name of the account credential that is the Basic user ({@code account_sid})
 * @param passwordCredential the name of the one that is the password ({@code auth_token})
 */
public record BasicAuthFormApi(String userCredential, String passwordCredential) {

    /**
     * @param path the path after the account's base URL, with any query
     * @return {@code POST baseUrl + path} with the form as its body
     */
    public CarrierHttpRequest post(CarrierAccount account, String path, FormBody form) {
        Map<String, String> headers = headers(account);
        headers.put("Content-Type", FormBody.CONTENT_TYPE);
        return new CarrierHttpRequest("POST", account.baseUrl() + path, headers, form.bytes());
    }

    /**
     * @param path the path after the account's base URL, with any query
     * @return {@code GET baseUrl + path}, without a body
     */
    public CarrierHttpRequest get(CarrierAccount account, String path) {
        return new CarrierHttpRequest("GET", account.baseUrl() + path, headers(account), null);
    }

    private Map<String, String> headers(CarrierAccount account) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", Signing.basic(account.credential(userCredential),
                account.credential(passwordCredential)));
        headers.put("Accept", "application/json");
        return headers;
    }
}
