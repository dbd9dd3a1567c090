package io.github.luccaprovisioning;

import io.github.luccaprovisioning.sync.SyncRun;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one-line progress of a {@code --once} run in a terminal, redrawn in place, while the console log shows only
 * errors (see {@link LogOutput}). Off a terminal (a cron job, a container's log) or with the whole log
 * on the console there is none: the run logs a plain line per page instead.
 */
final class ConsoleProgress implements AutoCloseable {

    private final PrintStream out;
    private final Supplier<SyncRun> currentRun;
    private final ScheduledExecutorService ticker;
    private int lastWidth;

    private ConsoleProgress(PrintStream out, Supplier<SyncRun> currentRun, Duration every) {
        this.out = out;
        this.currentRun = currentRun;
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "console-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::draw, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static ConsoleProgress start(PrintStream out, Supplier<SyncRun> currentRun, Duration every) {
        return new ConsoleProgress(out, currentRun, every);
    }

    /** Whether this process writes to a terminal, where a line can be redrawn. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    private synchronized void draw() {
        SyncRun run = currentRun.get();
        if (run == null) {
            return;
        }
        String line = line(run);
        // pads over what a longer line left behind; \r brings the cursor back to the start of the line
        out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        out.flush();
        lastWidth = line.length();
    }

    /** "Sync #3: page 2 of 10, 1,523 of 9,876 employees processed (15%)". */
    static String line(SyncRun run) {
        Integer pages = run.getDirectory().getPagesAnnounced();
        Integer announced = run.getDirectory().getAnnounced();
        int processed = run.getEmployeesProcessed();
        if (announced == null) {
            return String.format("Sync #%d: reading the first Lucca page...", run.getId());
        }
        int percent = announced == 0 ? 100 : Math.min(100, processed * 100 / announced);
        return String.format("Sync #%d: page %d of %d, %,d of %,d employees processed (%d%%)", run.getId(),
                run.getDirectory().getPagesRead(), pages, processed, announced, percent);
    }

    @Override
    public synchronized void close() {
        if (ticker.isShutdown()) {
            return;
        }
        ticker.shutdownNow();
        draw();
        if (lastWidth > 0) {
            out.println();
        }
    }
}
