package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.config.ConnectorConfig;

/** The connector's defaults have one definition: Camel Main gets them from the key definitions, below the file. */
class ConnectorDefaultsTest {

    @Test
    void the_connector_gives_camel_main_the_definitions_defaults_as_initial_properties() {
        assertEquals(ConnectorConfig.definition().initialProperties(),
                WfmAgentSync.connector(new Properties()).getInitialProperties());
    }
}
