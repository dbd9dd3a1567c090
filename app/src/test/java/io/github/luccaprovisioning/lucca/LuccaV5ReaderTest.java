package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuccaV5ReaderTest {

    private final LuccaV5Reader reader = new LuccaV5Reader("https://acme.ilucca.net",
            Clock.fixed(Instant.parse("2026-01-05T08:00:00Z"), ZoneOffset.UTC));

    private static ByteArrayInputStream body(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String page(int total, String next, String... ids) {
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            items.append(items.isEmpty() ? "" : ",").append("{\"id\":\"").append(id).append("\",\"status\":\"active\"}");
        }
        return "{\"items\":[" + items + "],\"totalCount\":" + total + ",\"links\":{\"prev\":null,\"next\":"
                + (next == null ? "null" : "{\"href\":\"" + next + "\"}") + "}}";
    }

    @Test
    void followsTheNextLinksAndIsCompleteWhenThePagesAddUpToTheTotal() throws Exception {
        DirectoryRead read = new DirectoryRead(2);
        assertThat(reader.employeesUrl(read)).isEqualTo("https://acme.ilucca.net/lucca-api/employees"
                + "?include=embedded,links,totalCount&status=active,upcoming,deactivated&limit=2");

        reader.readPage(200, null, body(page(3, "/lucca-api/employees?limit=2&page=!S7DHF", "a", "b")), read, reader.newNames());
        assertThat(read.isMorePages()).isTrue();
        assertThat(reader.employeesUrl(read)).isEqualTo("https://acme.ilucca.net/lucca-api/employees?limit=2&page=!S7DHF");
        reader.readPage(200, null, body(page(3, null, "c")), read, reader.newNames());

        assertThat(read.isMorePages()).isFalse();
        assertThat(read.isComplete()).isTrue();
    }

    @Test
    void pagesThatStopShortOfTheTotalOrComeBackEmptyAreNoCompleteRead() throws Exception {
        DirectoryRead stoppedShort = new DirectoryRead(100);
        reader.readPage(200, null, body(page(3, null, "a", "b")), stoppedShort, reader.newNames());
        assertThat(stoppedShort.isComplete()).isFalse();

        DirectoryRead empty = new DirectoryRead(100);
        reader.readPage(200, null, body(page(0, null)), empty, reader.newNames());
        assertThat(empty.isComplete()).isFalse();

        DirectoryRead noTotal = new DirectoryRead(100);
        reader.readPage(200, null, body("{\"items\":[{\"id\":\"a\"}],\"links\":{\"next\":null}}"), noTotal, reader.newNames());
        assertThat(noTotal.isComplete()).isFalse();
    }

    @Test
    void aDeactivatedPersonWithoutAnEndDateHasLeftAndAnUpcomingOneHasNotStarted() throws Exception {
        String json = "{\"items\":[{\"id\":\"x1\",\"status\":\"deactivated\",\"applicableEmployment\":{\"id\":\"e1\"}},"
                + "{\"id\":\"x2\",\"status\":\"upcoming\",\"applicableEmployment\":{\"id\":\"e2\"}}],\"totalCount\":2,"
                + "\"embedded\":{\"employment\":{\"e1\":{\"start\":{\"date\":\"2020-01-01\"},\"end\":null},"
                + "\"e2\":{\"start\":{\"date\":\"2026-02-01\"},\"end\":null,\"template\":{\"term\":\"fixed\"}}}}}";

        ArrayNode employees = reader.readPage(200, null, body(json), new DirectoryRead(100), reader.newNames());

        assertThat(Employment.hasLeft(employees.get(0), java.time.LocalDate.parse("2026-01-05"))).isTrue();
        assertThat(Employment.contractStart(employees.get(1))).isEqualTo("2026-02-01");
        assertThat(employees.get(1).path("contractType").asText()).isEqualTo("fixed");
        assertThat(employees.get(0).path("id").isTextual()).isTrue();
    }

    @Test
    void theFirstPageTellsHowLongTheReadWillTake() throws Exception {
        DirectoryRead read = new DirectoryRead(100);
        reader.readPage(200, null, body(page(10_000, "/next", "a")), read, reader.newNames());

        assertThat(reader.expectedReadTime(read, 40)).isEqualTo("Lucca v5: 10000 employees in 100 pages, about 3 min of"
                + " reading at 40 requests a minute (lucca.max-requests-per-minute)");
        assertThat(reader.expectedReadTime(read, 100)).contains("about 60 s");
    }

    @Test
    void refusalsSayWhatToFix() {
        assertThatThrownBy(() -> reader.readPage(403, null, body("{}"), new DirectoryRead(100), reader.newNames()))
                .hasMessageContaining("employees.readonly");
        assertThatThrownBy(() -> reader.readPage(503, "5", body("{}"), new DirectoryRead(100), reader.newNames()))
                .isInstanceOf(LuccaUnavailableException.class);
        assertThatThrownBy(() -> reader.readPage(200, null, body("{\"data\":{}}"), new DirectoryRead(100), reader.newNames()))
                .hasMessageContaining("no items");
    }

    @Test
    void theReadOfOneEmployeeIsCompleteWithThemAndNeverAReadOfTheWholeDirectory() throws Exception {
        DirectoryRead read = new DirectoryRead(100);
        read.oneEmployee("e 7");
        assertThat(reader.employeesUrl(read)).as("a webhook run never pages").startsWith("https://acme.ilucca.net/lucca-api/employees?");
        assertThat(reader.employeeUrl(read)).isEqualTo("https://acme.ilucca.net/lucca-api/employees/e%207?include=embedded");

        ArrayNode employee = reader.readEmployee(200, null, body("{\"id\":\"e 7\",\"givenName\":\"Ana\",\"status\":\"deactivated\","
                + "\"applicableEmployment\":{\"id\":\"em\"},\"embedded\":{\"employment\":{\"em\":{\"start\":{\"date\":\"2020-01-01\"}}}}}"),
                read, reader.newNames());

        assertThat(employee).singleElement().satisfies(ana -> {
            assertThat(ana.path("firstName").asText()).isEqualTo("Ana");
            assertThat(ana.path("dtContractEnd").asText()).as("deactivated: a leaver").isEqualTo("2026-01-04");
        });
        assertThat(read.isComplete()).isTrue();
        assertThat(read.isWholeDirectory()).isFalse();
    }

    @Test
    void aMissingEmployeeIsNobodyAndAnIncompleteRead() throws Exception {
        DirectoryRead read = new DirectoryRead(100);
        read.oneEmployee("a");

        assertThat(reader.readEmployee(404, null, body("{}"), read, reader.newNames())).isEmpty();
        assertThat(read.isComplete()).isFalse();
        DirectoryRead other = new DirectoryRead(100);
        other.oneEmployee("a");
        assertThatThrownBy(() -> reader.readEmployee(503, "7", body(""), other, reader.newNames()))
                .isInstanceOf(LuccaUnavailableException.class);
        assertThatThrownBy(() -> reader.readEmployee(200, null, body("{\"id\":\"b\"}"), other, reader.newNames()))
                .isInstanceOf(LuccaReadException.class).hasMessageContaining("without that employee");
    }
}
