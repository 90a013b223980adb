package org.wfmagentsync.support;

import java.util.regex.Pattern;
import org.apache.camel.util.URISupport;

/**
 * Masks credentials in text that came from elsewhere (a Genesys Cloud or proxy answer) before the
 * connector stores or logs it: a gateway error page may echo the request's {@code Authorization}
 * header or a token answer. The connector's own messages never contain a credential to begin with.
 */
public final class Credentials {

    private static final Pattern AUTH_SCHEME = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/=-]{4,}");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(?i)(\"(?:access_token|refresh_token|id_token|client_secret|password)\"\\s*:\\s*\")[^\"]*(\")");
    private static final Pattern FORM_FIELD = Pattern.compile(
            "(?i)\\b((?:access_token|refresh_token|client_secret|password)=)[^&\\s\"']+");

    /** A {@code ;name=value} parameter whose name says it holds a secret, as in an H2 URL's {@code ;PASSWORD=...}. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)(;[^;=]*(?:password|passwd|pwd|secret|token)[^;=]*=)[^;]*");

    private Credentials() {
    }

    /**
     * A URL the connector was configured with, fit to print: user info and secret query parameters
     * masked as Camel masks endpoint URIs ({@code authPassword=xxxxxx}), and secret
     * {@code ;name=value} parameters of JDBC URLs too.
     */
    public static String maskUrl(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        return SECRET_PARAMETER.matcher(URISupport.sanitizeUri(url)).replaceAll("$1xxxxxx");
    }

    /** The text with bearer/basic credentials and token or secret fields replaced by {@code ***}; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = AUTH_SCHEME.matcher(text).replaceAll("$1$2***");
        masked = JSON_FIELD.matcher(masked).replaceAll("$1***$2");
        return FORM_FIELD.matcher(masked).replaceAll("$1***");
    }
}
