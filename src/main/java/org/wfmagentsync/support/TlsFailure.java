package org.wfmagentsync.support;

import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Says plainly that a TLS handshake failed because a certificate was not trusted, and what to do about it. */
public final class TlsFailure {

    private TlsFailure() {
    }

    /** The sentence for a failure talking to {@code peer}, when a TLS handshake is what failed. */
    public static Optional<String> describe(Throwable failure, String peer) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
                String why = String.valueOf(t.getMessage());
                boolean certificate = why.contains("PKIX") || why.contains("certif") || why.contains("match");
                return Optional.of((certificate ? peer + "'s TLS certificate was not trusted"
                        : "the TLS handshake with " + peer + " failed") + ", so nothing was sent: " + why
                        + " (for a private CA, add it to a trust store: camel.ssl.trust-store in docs/setup.md)");
            }
        }
        return Optional.empty();
    }
}
