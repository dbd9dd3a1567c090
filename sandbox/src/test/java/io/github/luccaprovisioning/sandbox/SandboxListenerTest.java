package io.github.luccaprovisioning.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxListenerTest {

    @Test
    void anEnvironmentVariableThatWouldPointTheSandboxElsewhereStopsIt() {
        assertThat(System.getenv("PATH")).as("a variable every machine has").isNotNull();

        assertThatThrownBy(() -> SandboxListener.refuseEnvironmentThatWouldOverride(List.of("path")))
                .hasMessageContaining("PATH").hasMessageContaining("Unset them");
        assertThatCode(() -> SandboxListener.refuseEnvironmentThatWouldOverride(List.of("no.such-setting-here")))
                .doesNotThrowAnyException();
    }

    /** LUCCA_API=v5 is how the v5 sandbox is chosen; its client and token endpoint are the sandbox's own. */
    @Test
    void theV5CredentialsAndTokenEndpointAreTheSandboxsOwnButNotTheApiChoice() {
        assertThat(SandboxListener.SANDBOX_SETTINGS).contains("lucca.token-url", "lucca.client-id", "lucca.client-secret",
                "lucca.api-key", "lucca.base-url").doesNotContain("lucca.api");
    }
}
