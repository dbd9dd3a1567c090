package io.github.luccaprovisioning.karaf.commands;

import io.github.luccaprovisioning.admin.RunHistory;
import io.github.luccaprovisioning.admin.RunView;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.ArrayList;
import java.util.List;

/** lucca:history: the last runs, newest first, with their counts (the dashboard's import history). */
@Command(scope = "lucca", name = "history", description = "Lists the last sync runs with their counts")
@Service
public class HistoryCommand extends ProvisioningCommand {

    /** The counts shown, as the admin API names them. */
    private static final List<String> COUNTS = List.of("created", "linked", "updated", "reactivated", "deactivated",
            "unchanged", "heldForApproval", "failed");

    @Option(name = "-n", aliases = "--runs", description = "How many runs to list")
    int runs = 20;

    @Override
    protected Object run() throws Exception {
        RunHistory history = camel().getRegistry().lookupByNameAndType("runHistory", RunHistory.class);
        ShellTable table = new ShellTable();
        for (String column : List.of("Run", "Trigger", "Dry run", "Status", "Started", "Finished")) {
            table.column(column);
        }
        COUNTS.forEach(table::column);
        for (RunView run : history.newest(runs).runs()) {
            List<Object> row = new ArrayList<>(List.of(run.id(), run.trigger(), run.dryRun() ? "yes" : "", run.status(),
                    run.startedAt(), run.finishedAt() == null ? "" : run.finishedAt()));
            COUNTS.forEach(count -> row.add(run.counts().get(count)));
            table.addRow().addContent(row);
        }
        table.print(System.out);
        return null;
    }
}
