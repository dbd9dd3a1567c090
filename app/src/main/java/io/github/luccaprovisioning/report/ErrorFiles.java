package io.github.luccaprovisioning.report;

import io.github.luccaprovisioning.sync.SyncRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A run's error file: every error and warning row of the run, as CSV (UTF-8 with a byte order mark, so that
 * spreadsheets open accents cleanly) and as XLSX beside it, under {@code sync.reports-dir}, named by run id.
 * Rows are streamed from the database into both files, so a run with many errors is never held in memory.
 */
public final class ErrorFiles {

    private static final String[] HEADER = {"Run", "Severity", "Lucca id", "Employee number", "Name", "Email", "Step",
            "Reason", "HTTP status", "Time"};
    private static final int ROWS_PER_FLUSH = 1000;

    private final Jdbi jdbi;
    private final Path folder;

    public ErrorFiles(Jdbi jdbi, String reportsDir) {
        this.jdbi = jdbi;
        this.folder = Path.of(reportsDir);
    }

    /** Writes the run's error file when it has errors or warnings, and notes it on the run and its history row. */
    public Path write(SyncRun run) throws IOException {
        if (run.getProblemCount() == 0) {
            return null;
        }
        Files.createDirectories(folder);
        Path csv = csvPath(run.getId());
        jdbi.useHandle(db -> {
            try (ResultIterator<Object[]> rows = db.createQuery("SELECT run_id, severity, lucca_id, employee_number, employee_name, "
                            + "email, step, reason, http_status, created_at FROM run_error WHERE run_id = ? ORDER BY id")
                    .bind(0, run.getId()).map((values, context) -> columns(values)).iterator();
                 Writer csvWriter = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
                 OutputStream xlsxOut = Files.newOutputStream(xlsxPath(run.getId()))) {
                csvWriter.write('\uFEFF');
                CSVPrinter csvRows = new CSVPrinter(csvWriter, CSVFormat.DEFAULT.builder().setHeader(HEADER).get());
                Workbook workbook = new Workbook(xlsxOut, "lucca-provisioning", "1.0");
                Worksheet sheet = workbook.newWorksheet("Run " + run.getId());
                for (int column = 0; column < HEADER.length; column++) {
                    sheet.value(0, column, HEADER[column]);
                }
                sheet.range(0, 0, 0, HEADER.length - 1).style().bold().set();
                int row = 0;
                while (rows.hasNext()) {
                    Object[] values = rows.next();
                    row++;
                    for (int column = 0; column < HEADER.length; column++) {
                        Object value = values[column];
                        String text = value == null ? "" : value.toString();
                        csvRows.print(spreadsheetSafe(text));
                        sheet.value(row, column, text);
                    }
                    csvRows.println();
                    if (row % ROWS_PER_FLUSH == 0) {
                        sheet.flush();
                    }
                }
                csvRows.flush();
                workbook.finish();
            }
            db.createUpdate("UPDATE sync_run SET error_file = ? WHERE id = ?").bind(0, csv.toString()).bind(1, run.getId()).execute();
        });
        run.setErrorFile(csv);
        return csv;
    }

    private static Object[] columns(ResultSet row) throws SQLException {
        Object[] values = new Object[HEADER.length];
        for (int column = 0; column < HEADER.length; column++) {
            values[column] = row.getObject(column + 1);
        }
        return values;
    }

    /** The CSV error file of a run, if it had one. */
    public Optional<Path> csvOf(long runId) {
        return Optional.of(csvPath(runId)).filter(Files::exists);
    }

    /** The XLSX error file of a run, if it had one. */
    public Optional<Path> xlsxOf(long runId) {
        return Optional.of(xlsxPath(runId)).filter(Files::exists);
    }

    private Path csvPath(long runId) {
        return folder.resolve("run-" + runId + "-errors.csv");
    }

    private Path xlsxPath(long runId) {
        return folder.resolve("run-" + runId + "-errors.xlsx");
    }

    /**
     * A name or reason that starts like a formula (=, +, -, @) is prefixed with an apostrophe, so that a spreadsheet
     * shows it instead of running it: the values come from HR records anyone may have typed (OWASP CSV injection).
     */
    static String spreadsheetSafe(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
