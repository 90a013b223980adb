package org.wfmagentsync.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CredentialsTest {

    @Test
    void bearer_and_basic_credentials_and_token_fields_are_masked_and_the_rest_is_kept() {
        assertEquals("header 'Authorization: Bearer ***' rejected",
                Credentials.mask("header 'Authorization: Bearer eyJhbGciOi.J9.x-y_z' rejected"));
        assertEquals("authorization: basic ***", Credentials.mask("authorization: basic c2FuZGJveDpzZWNyZXQ="));
        assertEquals("{\"access_token\":\"***\",\"expires_in\":86399}",
                Credentials.mask("{\"access_token\":\"abc.def\",\"expires_in\":86399}"));
        assertEquals("grant_type=client_credentials&client_secret=***&x=1",
                Credentials.mask("grant_type=client_credentials&client_secret=s3cr3t&x=1"));
        assertEquals("SCHEDULE_CONFLICT: the user's schedule is being published",
                Credentials.mask("SCHEDULE_CONFLICT: the user's schedule is being published"));
        assertNull(Credentials.mask(null));
    }

    @Test
    void a_configured_url_is_printed_with_its_user_password_and_secret_parameters_masked() {
        assertEquals("https://acd.example.com/api/agents?authMethod=Basic&authUsername=xxxxxx&authPassword=xxxxxx",
                Credentials.maskUrl("https://acd.example.com/api/agents?authMethod=Basic&authUsername=wfm"
                        + "&authPassword=RAW(s3cr&t)"));
        assertEquals("https://wfm:xxxxxx@acd.example.com/api/agents", Credentials.maskUrl("https://wfm:s3cret@acd.example.com/api/agents"));
        assertEquals("jdbc:h2:file:./data/wfm;USER=sa;PASSWORD=xxxxxx;WRITE_DELAY=0",
                Credentials.maskUrl("jdbc:h2:file:./data/wfm;USER=sa;PASSWORD=s3cret;WRITE_DELAY=0"));
        assertEquals("jdbc:postgresql://db:5432/wfm?user=xxxxxx&password=xxxxxx",
                Credentials.maskUrl("jdbc:postgresql://db:5432/wfm?user=wfm&password=s3cret"));
        assertEquals("jdbc:h2:file:./data/wfm-agent-sync", Credentials.maskUrl("jdbc:h2:file:./data/wfm-agent-sync"));
    }
}
