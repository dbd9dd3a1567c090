package io.github.luccaprovisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (the settings table of docs/configuration.md) and application.properties name the same
 * keys. Keys of application.properties are its {@code key = value} lines and the commented {@code # key = value} lines
 * that document a setting with no default (lucca.subdomain, target.base-url...). Every key is listed on a row of its
 * own, camel.* included: no wildcard rows. A secret (its Default cell says {@code **secret**}) is never written in
 * application.properties: its row is not looked for there, but its environment variable must be named in the file's
 * comments.
 */
class ConfigurationReferenceTest {

    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final String TABLE_HEADER = "| Key | Environment variable | Default | Meaning |";

    private static final Pattern SETTING = Pattern.compile("^([A-Za-z][\\w.\\-\\[\\]]*)\\s*=");
    /** {@code # key = value}: one hash, then a dotted key; prose such as "# With sync.cluster=true ..." does not match. */
    private static final Pattern COMMENTED_SETTING = Pattern.compile("^# ?([a-z][\\w\\-]*(?:\\.[\\w\\-\\[\\]]+)+)\\s*=");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyKeyOfApplicationPropertiesIsInTheReferenceAndNoOther() throws IOException {
        List<String> lines = Files.readAllLines(PROPERTIES);
        Set<String> propertyKeys = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher setting = SETTING.matcher(line);
            Matcher commented = COMMENTED_SETTING.matcher(line);
            if (setting.find()) {
                propertyKeys.add(setting.group(1));
            } else if (commented.find()) {
                propertyKeys.add(commented.group(1));
            }
        }
        String comments = String.join(" ", lines.stream().filter(l -> l.startsWith("#")).toList());

        Map<String, Row> reference = referenceRows();
        List<String> problems = new ArrayList<>();
        for (String key : propertyKeys) {
            if (!reference.containsKey(key)) {
                problems.add("missing from " + REFERENCE + ": " + key);
            }
        }
        reference.forEach((key, row) -> {
            if (row.secret()) {
                if (row.environmentVariable() == null || !comments.contains(row.environmentVariable())) {
                    problems.add("secret " + key + " in " + REFERENCE + ": its environment variable "
                            + row.environmentVariable() + " is not named in " + PROPERTIES);
                }
            } else if (!propertyKeys.contains(key)) {
                problems.add("named in " + REFERENCE + " but not in " + PROPERTIES + ": " + key);
            }
        });

        assertThat(propertyKeys).as("keys read from " + PROPERTIES).contains("lucca.page-size", "lucca.subdomain");
        assertThat(problems).as("configuration reference vs application.properties").isEmpty();
    }

    private record Row(String environmentVariable, boolean secret) {}

    private static Map<String, Row> referenceRows() throws IOException {
        List<String> lines = Files.readAllLines(REFERENCE);
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("the settings table of " + REFERENCE + " (" + TABLE_HEADER + ")").isNotNegative();
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("(?<!\\\\)\\|", -1);
            // cells[0] is the text before the first '|'
            List<String> keys = codeSpans(cells[1]);
            if (keys.size() != 1 || keys.get(0).contains("*") || keys.get(0).contains(" ")) {
                malformed.add("line " + (i + 1) + ": the Key cell must hold one key, without wildcards: " + cells[1].trim());
                continue;
            }
            List<String> variables = codeSpans(cells[2]);
            Row row = new Row(variables.isEmpty() ? null : variables.get(0), cells[3].contains("**secret**"));
            if (rows.put(keys.get(0), row) != null) {
                malformed.add("line " + (i + 1) + ": " + keys.get(0) + " is listed twice");
            }
        }
        assertThat(malformed).as("rows of the settings table of " + REFERENCE).isEmpty();
        assertThat(rows).as("rows of the settings table of " + REFERENCE).isNotEmpty();
        return rows;
    }

    private static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            spans.add(code.group(1));
        }
        return spans;
    }
}
