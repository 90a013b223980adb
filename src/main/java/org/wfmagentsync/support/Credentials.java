package org.wfmagentsync.support;

import java.util.regex.Pattern;

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

    private Credentials() {
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
