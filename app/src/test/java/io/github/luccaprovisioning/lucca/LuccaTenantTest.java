package io.github.luccaprovisioning.lucca;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuccaTenantTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme.ilucca.net", "https://acme.ilucca.net/home", " ACME.ilucca.net/ ", "acme.ilucca.net?x=1"})
    void whateverAnAdministratorPastesMeansTheSameTenant(String typed) {
        assertThat(new LuccaTenant(typed, "").getBaseUrl()).isEqualTo("https://acme.ilucca.net");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.ilucca-test.net", "acme.ilucca-demo.net", "acme.ilucca.ch", "acme-test.sandbox.eu1.luccasoftware.com"})
    void everyLuccaEnvironmentIsAccepted(String host) {
        assertThat(LuccaTenant.host(host)).isEqualTo(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme.example.com", "evil-ilucca.net", "ilucca.net", "acme.ilucca.net.evil.com"})
    void hostsOutsideLuccaAreRefusedSoTheKeyIsNeverSentThere(String host) {
        assertThatThrownBy(() -> LuccaTenant.host(host)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not on a Lucca domain");
    }

    @Test
    void anExplicitBaseUrlIsUsedAsItIs() {
        assertThat(new LuccaTenant("", "http://127.0.0.1:8080/").getBaseUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void aMissingSubdomainSaysWhichVariableToSet() {
        assertThatThrownBy(() -> new LuccaTenant(" ", null)).hasMessageContaining("LUCCA_SUBDOMAIN");
    }
}
