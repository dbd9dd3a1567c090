package io.github.luccaprovisioning;

/**
 * Where the log goes. A sync run once ({@code --once}) writes its full log to {@code logging.file} and keeps the
 * console for the progress line, the summary and the errors (a failed employee's warning is in the summary); with
 * {@code --verbose}, or without a log file (the container image sets LOGGING_FILE empty), the console has the whole
 * log too. The long-running process and the other commands log to the console only: a service's log goes to
 * stdout. log4j2.properties reads the system properties {@link #apply()} sets, so it must run before the first
 * logger is created.
 *
 * @param file         the log file, or null for none
 * @param quietConsole whether the console log shows only errors
 */
record LogOutput(String file, boolean quietConsole) {

    static LogOutput of(CommandLine commandLine, StartupSettings settings) {
        boolean syncOnce = !commandLine.check() && !commandLine.preview()
                && (commandLine.once() || Boolean.parseBoolean(settings.get("sync.run-once")));
        String file = settings.get("logging.file");
        if (!syncOnce || file == null || file.isBlank()) {
            return new LogOutput(null, false);
        }
        return new LogOutput(file.strip(), !commandLine.verbose());
    }

    void apply() {
        System.setProperty("lucca-provisioning.console-level", quietConsole ? "ERROR" : "INFO");
        System.setProperty("lucca-provisioning.log-file-level", file == null ? "OFF" : "ALL");
        if (file != null) {
            System.setProperty("lucca-provisioning.log-file", file);
        }
    }
}
