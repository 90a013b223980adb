package org.wfmagentsync.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** The resolver with a fake environment and a fake sandbox: what reaches the rule, and what it does with the answer. */
class TargetResolverTest {

    /** Counts its starts; the connector fails before it would use the endpoints. */
    private static final class FakeSandbox implements SandboxTarget {
        final AtomicInteger starts = new AtomicInteger();

        @Override
        public Running start(Function<String, String> settings) {
            starts.incrementAndGet();
            throw new IllegalStateException("fake sandbox started");
        }

        @Override
        public Set<String> settingNames() {
            return Set.of();
        }
    }

    @Test
    void a_GENESYS_variable_in_the_environment_keeps_a_sandbox_on_the_class_path_unstarted_and_the_start_fails_naming_what_is_missing() {
        FakeSandbox sandbox = new FakeSandbox();
        Main main = bareConnector(new TargetResolver(Map.of("GENESYS_CLIENT_SECRET", ""), () -> Optional.of(sandbox)));

        Exception failure = assertThrows(Exception.class, main::start);

        String message = messages(failure);
        assertEquals(0, sandbox.starts.get(), message);
        for (String missing : new String[] {"GENESYS_REGION", "GENESYS_CLIENT_ID", "GENESYS_CLIENT_SECRET",
                "GENESYS_PRESENCE_SOURCE_ID", "LEGACY_AGENTS_URL"}) {
            assertTrue(message.contains(missing), "names " + missing + ": " + message);
        }
        assertTrue(message.contains("the sandbox is not started because GENESYS_CLIENT_SECRET is set"), message);
    }

    @Test
    void with_nothing_in_the_environment_the_sandbox_on_the_class_path_is_started() {
        FakeSandbox sandbox = new FakeSandbox();
        Main main = bareConnector(new TargetResolver(Map.of("PATH", "/usr/bin"), () -> Optional.of(sandbox)));

        Exception failure = assertThrows(Exception.class, main::start);

        assertEquals(1, sandbox.starts.get(), messages(failure));
    }

    /** The configuration file and the resolver; no routes or beans are reached, the resolver decides first. */
    private static Main bareConnector(TargetResolver resolver) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        Properties overrides = new Properties();
        overrides.setProperty("wfm.mode", "auto");
        main.setOverrideProperties(overrides);
        main.addMainListener(resolver);
        return main;
    }

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
