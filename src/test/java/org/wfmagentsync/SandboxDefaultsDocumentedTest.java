package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.sandbox.SandboxSettings;

/** What a user needs to point the production jar at a standalone sandbox is written down, and right. */
class SandboxDefaultsDocumentedTest {

    @Test
    void the_sandbox_page_names_the_client_id_secret_and_presence_source_a_standalone_sandbox_accepts() throws Exception {
        String page = Files.readString(Path.of("docs/sandbox.md"));
        SandboxSettings defaults = SandboxSettings.builder().build();

        for (String line : new String[] {"GENESYS_CLIENT_ID=" + defaults.clientId(),
                "GENESYS_CLIENT_SECRET=" + defaults.clientSecret(),
                "GENESYS_PRESENCE_SOURCE_ID=" + defaults.presenceSourceId()}) {
            assertTrue(page.contains(line), "docs/sandbox.md's example sets " + line);
        }
        assertTrue(page.contains("`" + defaults.clientId() + "` / `" + defaults.clientSecret() + "`"),
                "the settings table gives both defaults");
    }
}
