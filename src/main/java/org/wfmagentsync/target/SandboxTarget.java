package org.wfmagentsync.target;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;

/**
 * A simulated Genesys Cloud org and legacy system the connector can run against instead of real
 * ones. The connector has none: {@link TargetResolver} finds one with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.wfmagentsync.target.SandboxTarget}), and only the quick start puts
 * one on the class path. The production jar and image therefore cannot fall back to a simulator.
 */
public interface SandboxTarget {

    /** The sandbox on the class path, if any (only the quick start has one). */
    static Optional<SandboxTarget> installed() {
        return ServiceLoader.load(SandboxTarget.class, SandboxTarget.class.getClassLoader()).findFirst();
    }

    /**
     * Starts the simulated systems.
     *
     * @param settings the {@code sandbox.*} settings (the key with its prefix; null when not set),
     *                 including {@code sandbox.mapping-file}, where the agent mapping is to be written
     */
    Running start(Function<String, String> settings);

    /**
     * The {@code sandbox.*} keys this sandbox reads, besides the connector's own
     * {@code sandbox.mapping-file}: with them the connector tells a misspelt sandbox key from a real
     * one and refuses the start on the first (see {@code UnknownSettings}).
     */
    Set<String> settingNames();

    /** A started sandbox: what points the connector at it, what to tell the operator, how to stop it. */
    interface Running extends AutoCloseable {

        Endpoints endpoints();

        /** A few lines for the start-up banner: what is simulated where. No secret. */
        String banner();

        /** Stops the simulated systems; their state goes with them. */
        @Override
        void close();
    }

    /**
     * What the connector's settings become in sandbox mode: {@code genesys.api-url}, {@code login-url},
     * {@code client-id}, {@code client-secret}, {@code presence-source-id}, {@code legacy.agents-url}
     * and {@code wfm.mapping.agents-file}.
     */
    record Endpoints(String apiUrl, String loginUrl, String clientId, String clientSecret, String presenceSourceId,
            String agentsUrl, Path agentsFile) {

        public Endpoints {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(loginUrl, "loginUrl");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(presenceSourceId, "presenceSourceId");
            Objects.requireNonNull(agentsUrl, "agentsUrl");
            Objects.requireNonNull(agentsFile, "agentsFile");
        }

        /** The secret stays out of logs and error messages. */
        @Override
        public String toString() {
            return "Endpoints[apiUrl=" + apiUrl + ", loginUrl=" + loginUrl + ", clientId=" + clientId
                    + ", presenceSourceId=" + presenceSourceId + ", agentsUrl=" + agentsUrl + ", agentsFile=" + agentsFile + "]";
        }
    }
}
