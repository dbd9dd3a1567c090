package io.github.luccaprovisioning.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuccaWebhookTest {

    private final LuccaWebhook webhook = new LuccaWebhook("v5", "s3cret");

    @Test
    void aDeliveryMustCarryOurSecretInItsHeaderOrAsABearer() {
        assertThat(webhook.getOffReason()).isNull();
        assertThat(webhook.refuses("s3cret", null)).isFalse();
        assertThat(webhook.refuses(null, "Bearer s3cret")).isFalse();
        assertThat(webhook.refuses(null, "bearer s3cret")).isFalse();
        assertThat(webhook.refuses(null, null)).isTrue();
        assertThat(webhook.refuses("s3cre", null)).isTrue();
        assertThat(webhook.refuses(null, "Basic s3cret")).isTrue();
        assertThat(webhook.refuses("wrong", "Bearer s3cret")).as("the secret header is the one read").isTrue();
    }

    @Test
    void withoutASecretOrWithV3WebhooksAreOffAndRefuseEverything() {
        LuccaWebhook noSecret = new LuccaWebhook("v5", " ");
        LuccaWebhook v3 = new LuccaWebhook("v3", "s3cret");

        assertThat(noSecret.getOffReason()).contains("LUCCA_WEBHOOK_SECRET");
        assertThat(noSecret.refuses("", "Bearer ")).isTrue();
        assertThat(v3.getOffReason()).contains("lucca.api=v5");
        assertThat(v3.refuses("s3cret", null)).isTrue();
        assertThat(v3.toString()).doesNotContain("s3cret");
    }

    @Test
    void aDeliveryIsKnownByItsIdElseByTopicEmployeeAndTime() {
        assertThat(webhook.delivery("{\"id\":\"d1\",\"topic\":\"employee.updated\",\"data\":{\"id\":\"42\"}}"))
                .isEqualTo(new WebhookDelivery("d1", "employee.updated", "42"));
        assertThat(webhook.delivery("{\"topic\":\"employee.deleted\",\"occurredAt\":\"2026-12-03T06:00:00Z\",\"employee\":{\"id\":42}}"))
                .isEqualTo(new WebhookDelivery("employee.deleted|42|2026-12-03T06:00:00Z", "employee.deleted", "42"));
        assertThat(webhook.delivery("{\"topic\":\"employee.created\",\"data\":{\"id\":\"e-1\"}}").key())
                .as("nothing to tell its attempts apart: each is synced").isNull();
        assertThat(webhook.delivery("{\"id\":\"d2\",\"topic\":\"department.updated\",\"data\":{\"id\":\"17\"}}"))
                .as("not about an employee").isNull();
    }

    @Test
    void aBodyThatIsNoDeliveryIsABadRequest() {
        assertThatThrownBy(() -> webhook.delivery("not json")).isInstanceOf(BadRequestException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> webhook.delivery("[]")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> webhook.delivery("{\"topic\":\"employee.updated\",\"data\":{}}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("names no employee");
    }
}
