package org.wfmagentsync;

import javax.net.ssl.HostnameVerifier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * Keeps certificate and host-name verification on for every outbound HTTPS call. camel-http verifies
 * both by default; this refuses, when the endpoint is created (at start-up for the route files), any
 * setting that would relax them: a trust-all or custom trust manager ({@code camel.ssl.trust-all-certificates},
 * an {@code sslContextParameters} bean) or another host-name verifier. A private CA is trusted by
 * adding it to a trust store ({@code camel.ssl.trust-store}), which keeps verification on.
 */
final class TlsVerification {

    private TlsVerification() {
    }

    static void enforce(CamelContext context) {
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) -> check(endpoint));
    }

    /**
     * Checked as each HTTP endpoint is created: its own settings, the http and https components'
     * and Camel's global SSL settings, so a relaxing setting is refused even before it would apply.
     */
    private static Endpoint check(Endpoint endpoint) {
        if (endpoint instanceof HttpEndpoint http) {
            CamelContext context = http.getCamelContext();
            check(http.getX509HostnameVerifier(), http.getSslContextParameters(), "endpoint " + http);
            for (String scheme : new String[] {"http", "https"}) {
                if (context.hasComponent(scheme) instanceof HttpComponent component) {
                    check(component.getX509HostnameVerifier(), component.getSslContextParameters(),
                            "camel.component." + scheme);
                }
            }
            check(null, context.getSSLContextParameters(), "camel.ssl");
        }
        return endpoint;
    }

    private static void check(HostnameVerifier verifier, SSLContextParameters ssl, String where) {
        if (verifier != null && !(verifier instanceof DefaultHostnameVerifier)) {
            throw refused(where + " verifies host names with " + verifier.getClass().getName());
        }
        if (ssl != null && ssl.getTrustManagers() != null && ssl.getTrustManagers().getTrustManager() != null) {
            throw refused(where + " trusts certificates through " + ssl.getTrustManagers().getTrustManager().getClass()
                    .getName() + " (trust-all-certificates or a custom trust manager)");
        }
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("TLS certificate verification cannot be turned off, but " + why
                + ". To trust a private CA, put its certificate in a trust store and set camel.ssl.enabled=true,"
                + " camel.ssl.trust-store, camel.ssl.trust-store-password and"
                + " camel.component.https.use-global-ssl-context-parameters=true");
    }
}
