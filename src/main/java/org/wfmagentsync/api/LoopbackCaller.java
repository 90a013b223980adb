package org.wfmagentsync.api;

import java.util.Locale;

/**
 * Without a token the API trusts whoever reaches the loopback port, and a browser on the same
 * machine is such a caller: any web site open in it could post a replay or a discard (the answer
 * is unreadable to that site, but the change is made), or, by DNS rebinding, read the answers
 * under its own name. So without a token a call must name the connector by a loopback name in
 * {@code Host}, and a call a browser marks with {@code Origin} must come from a page of that same
 * origin: the console, not another site. Programs such as the command line and curl send no
 * {@code Origin}, and {@code Host} as they were told.
 */
final class LoopbackCaller {

    private LoopbackCaller() {
    }

    /** Refuses (403) a call named by another host, or sent by a page of another origin. */
    static void require(String host, String origin) {
        if (host == null) {
            return; // HTTP/1.0 without Host: no browser sends that
        }
        if (!loopbackName(host)) {
            throw new ApiError(403, "without WFM_API_TOKEN this API answers only calls to a loopback name"
                    + " (127.0.0.1, localhost, [::1]); this one was sent to another host name: set WFM_API_TOKEN to"
                    + " call it by that name");
        }
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            throw new ApiError(403, "refused a call from a page of another site (Origin is not http://" + host
                    + "): without WFM_API_TOKEN only the connector's own console may call this API from a browser");
        }
    }

    private static boolean loopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            return name.startsWith("[::1]") && (name.length() == 5 || name.charAt(5) == ':');
        }
        int colon = name.indexOf(':');
        String bare = colon < 0 ? name : name.substring(0, colon);
        return bare.equals("localhost") || bare.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
