package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/routes.md is a map of the route files, the routes' own comments saying what each does: its table has one row
 * per file of routes/, naming exactly the ids the file declares (routes, route configurations, route templates,
 * templated routes and REST routes), so that a route added, renamed or removed shows on the map.
 */
class RoutesGuideTest {

    private static final Path GUIDE = Path.of("docs", "routes.md");

    /** A row of the table: | [x.camel.yaml](../routes/x.camel.yaml) | `id`, `id` | what it does |. */
    private static final Pattern ROW = Pattern.compile("^\\| \\[([^]]+)]\\(\\.\\./routes/([^)]+)\\) \\| ([^|]*) \\|.*$",
            Pattern.MULTILINE);

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void theGuidesTableListsEveryRouteFileWithExactlyItsIds() throws IOException {
        Map<String, Set<String>> declared = declaredIds();
        assertThat(declared).as("route files in routes/").isNotEmpty();
        String guide = Files.readString(GUIDE);

        Map<String, Set<String>> listed = new TreeMap<>();
        Matcher row = ROW.matcher(guide);
        while (row.find()) {
            assertThat(row.group(1)).as("the link text of the row of %s", row.group(2)).isEqualTo(row.group(2));
            Set<String> ids = new LinkedHashSet<>();
            Matcher code = CODE.matcher(row.group(3));
            while (code.find()) {
                ids.add(code.group(1));
            }
            assertThat(listed.put(row.group(2), ids)).as("a second row for %s", row.group(2)).isNull();
        }

        assertThat(listed.keySet()).as("the route files the table of docs/routes.md lists")
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        declared.forEach((file, ids) -> assertThat(listed.get(file))
                .as("the ids the row of %s in docs/routes.md names", file).containsExactlyInAnyOrderElementsOf(ids));
    }

    /** The ids each route file declares, by file name. */
    private static Map<String, Set<String>> declaredIds() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, Set<String>> declared = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("routes"), "*.camel.yaml")) {
            for (Path file : files) {
                Set<String> ids = new LinkedHashSet<>();
                for (JsonNode item : yaml.readTree(file.toFile())) {
                    for (String kind : new String[] {"route", "routeConfiguration", "routeTemplate"}) {
                        if (item.has(kind)) {
                            ids.add(required(item.get(kind), "id", file));
                        }
                    }
                    if (item.has("templatedRoute")) {
                        ids.add(required(item.get("templatedRoute"), "routeId", file));
                    }
                    if (item.has("rest")) {
                        item.get("rest").forEach(verb -> verb.forEach(operation -> {
                            if (operation.has("routeId")) {
                                ids.add(operation.get("routeId").asText());
                            }
                        }));
                    }
                }
                declared.put(file.getFileName().toString(), ids);
            }
        }
        return declared;
    }

    private static String required(JsonNode node, String field, Path file) {
        assertThat(node.hasNonNull(field)).as("every %s has its %s", file, field).isTrue();
        return node.get(field).asText();
    }
}
