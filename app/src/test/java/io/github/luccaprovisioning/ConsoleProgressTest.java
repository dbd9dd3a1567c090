package io.github.luccaprovisioning;

import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.lucca.DirectoryReads;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleProgressTest {

    @Test
    void saysWhichPageAndHowManyEmployeesAreDone() {
        SyncRun run = new SyncRun(3, "once", new RunOptions(false, false), Instant.now(), DirectoryReads.afterPages(1000, 2, 2500));
        for (int i = 0; i < 1523; i++) {
            run.employeeProcessed();
        }

        assertThat(ConsoleProgress.line(run)).isEqualTo("Sync #3: page 2 of 3, 1,523 of 2,500 employees processed (60%)");
    }

    @Test
    void beforeLuccaAnsweredItSaysSo() {
        SyncRun run = new SyncRun(4, "once", new RunOptions(false, false), Instant.now(), new DirectoryRead(1000));

        assertThat(ConsoleProgress.line(run)).isEqualTo("Sync #4: reading the first Lucca page...");
    }

    @Test
    void redrawsOneLineInPlaceAndEndsIt() throws Exception {
        SyncRun run = new SyncRun(5, "once", new RunOptions(false, false), Instant.now(), DirectoryReads.afterPages(10, 1, 20));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ConsoleProgress progress = ConsoleProgress.start(new PrintStream(printed, true, StandardCharsets.UTF_8), () -> run,
                Duration.ofMillis(20))) {
            Thread.sleep(100);
            for (int i = 0; i < 20; i++) {
                run.employeeProcessed();
            }
            Thread.sleep(100);
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\rSync #5: page 1 of 2, 0 of 20 employees processed (0%)")
                .contains("\rSync #5: page 1 of 2, 20 of 20 employees processed (100%)").endsWith(System.lineSeparator());
        assertThat(text.chars().filter(c -> c == '\n').count()).as("one line, redrawn, then ended").isEqualTo(1);
    }
}
