package io.github.luccaprovisioning.report;

import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMailsTest {

    private static RunMails when(String when) throws Exception {
        return new RunMails(new MailTemplates("templates"), null, when, "");
    }

    private static SyncRun run(Outcome outcome) {
        SyncRun run = new SyncRun(1, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));
        if (outcome != null) {
            run.count(outcome);
        }
        return run;
    }

    @Test
    void mailWhenDecidesWhichRunsAreMailed() throws Exception {
        SyncRun quiet = run(Outcome.UNCHANGED);
        SyncRun changed = run(Outcome.DEACTIVATED);
        SyncRun held = run(Outcome.HELD_FOR_APPROVAL);

        assertThat(when("always").wanted(quiet)).isTrue();
        assertThat(when("changes-or-errors").wanted(quiet)).isFalse();
        assertThat(when("changes-or-errors").wanted(changed)).isTrue();
        assertThat(when("errors").wanted(changed)).isFalse();
        assertThat(when("errors").wanted(held)).as("waiting for a person").isTrue();
    }

    @Test
    void anUnknownChoiceIsRefusedAtStart() {
        assertThatThrownBy(() -> when("sometimes")).hasMessageContaining("mail.when must be always, changes-or-errors or errors");
    }
}
