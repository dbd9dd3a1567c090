package io.github.luccaprovisioning.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxDirectoryTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 3, 14);
    /** Folded first and last name, then a number only for namesakes. */
    private static final Pattern MAIL = Pattern.compile("[a-z]+\\.[a-z]+[0-9]*@acme\\.example");

    @Test
    void sameSeedAndDayGiveTheSameDirectory() {
        List<ObjectNode> first = SandboxDirectory.generate(500, 42L, TODAY);

        assertThat(SandboxDirectory.generate(500, 42L, TODAY)).isEqualTo(first);
        assertThat(SandboxDirectory.generate(500, 43L, TODAY)).isNotEqualTo(first);
    }

    @Test
    void idsAreConsecutiveFromTheFirstLuccaId() {
        List<ObjectNode> users = SandboxDirectory.generate(300, 1L, TODAY);

        for (int i = 0; i < users.size(); i++) {
            int id = users.get(i).get("id").asInt();
            assertThat(id).isEqualTo(1001 + i);
            assertThat(users.get(i).get("url").asText())
                    .isEqualTo("https://sandbox.ilucca-demo.net/api/v3/users/" + id);
        }
    }

    @Test
    void mailsAreAsciiAndUniqueEvenAmongManyNamesakes() {
        List<ObjectNode> users = SandboxDirectory.generate(100_000, 7L, TODAY);

        List<String> mails = users.stream().map(u -> u.get("mail").asText()).toList();
        assertThat(mails).allMatch(mail -> MAIL.matcher(mail).matches());
        long distinctIgnoringCase = mails.stream().map(mail -> mail.toLowerCase(Locale.ROOT)).distinct().count();
        assertThat(distinctIgnoringCase).isEqualTo(users.size());
        assertThat(users).allMatch(u -> u.get("mail").asText().equals(u.get("login").asText() + "@acme.example"));
    }

    @Test
    void accentsApostrophesSpacesAndHyphensAreFoldedOutOfTheMail() {
        List<ObjectNode> users = SandboxDirectory.generate(5_000, 3L, TODAY);

        assertMailFolds(users, "firstName", "Élodie", "elodie.");
        assertMailFolds(users, "firstName", "Søren", "soren.");
        assertMailFolds(users, "firstName", "Jean-Baptiste", "jeanbaptiste.");
        assertMailFolds(users, "lastName", "N'Diaye", ".ndiaye");
        assertMailFolds(users, "lastName", "Le Goff", ".legoff");
        assertMailFolds(users, "lastName", "Yılmaz", ".yilmaz");
    }

    @Test
    void everyManagerIsAnEarlierEmployeeUnderTheSameName() {
        List<ObjectNode> users = SandboxDirectory.generate(2_000, 11L, TODAY);
        Map<Integer, String> earlier = new HashMap<>();

        assertThat(users.get(0).get("manager").isNull()).isTrue();
        for (ObjectNode user : users) {
            JsonNode manager = user.get("manager");
            if (!manager.isNull()) {
                assertThat(earlier).containsEntry(manager.get("id").asInt(), manager.get("name").asText());
            }
            earlier.put(user.get("id").asInt(), user.get("name").asText());
        }
    }

    @Test
    void managersAreInPlaceAndKeepRealisticTeams() {
        List<ObjectNode> users = SandboxDirectory.generate(10_000, 19L, TODAY);

        Map<Integer, Long> directReports = users.stream().filter(u -> !u.get("manager").isNull())
                .collect(Collectors.groupingBy(u -> u.get("manager").get("id").asInt(), Collectors.counting()));
        assertThat(directReports.values()).allMatch(count -> count <= 25);
        for (int managerId : directReports.keySet()) {
            ObjectNode manager = users.get(managerId - 1001);
            assertThat(manager.get("dtContractEnd").isNull()).as("manager %d has left", managerId).isTrue();
            assertThat(day(manager, "dtContractStart")).as("manager %d not arrived", managerId).isBefore(TODAY);
        }
    }

    @Test
    void theMixHoldsFormerEmployeesFutureHiresFixedTermsAndAccents() {
        List<ObjectNode> users = SandboxDirectory.generate(10_000, 5L, TODAY);

        long former = users.stream().filter(u -> endsBefore(u, TODAY)).count();
        long futureHires = users.stream().filter(u -> day(u, "dtContractStart").isAfter(TODAY)).count();
        long fixedTerms = users.stream().filter(u -> !u.get("dtContractEnd").isNull() && !endsBefore(u, TODAY)).count();
        assertThat(former).isBetween(800L, 1_200L);
        assertThat(futureHires).isBetween(200L, 400L);
        assertThat(fixedTerms).isBetween(100L, 300L);
        assertThat(users).filteredOn(u -> endsBefore(u, TODAY)).allSatisfy(u ->
                assertThat(ChronoUnit.DAYS.between(day(u, "dtContractEnd"), TODAY)).isBetween(1L, 1_500L));
        assertThat(users).filteredOn(u -> day(u, "dtContractStart").isAfter(TODAY)).allSatisfy(u ->
                assertThat(ChronoUnit.DAYS.between(TODAY, day(u, "dtContractStart"))).isBetween(1L, 30L));
        assertThat(users).anyMatch(u -> !u.get("name").asText().chars().allMatch(c -> c < 128));
    }

    @Test
    void recordsUseLuccaFormats() {
        List<ObjectNode> users = SandboxDirectory.generate(1_000, 9L, TODAY);

        for (ObjectNode user : users) {
            assertThat(user.get("dtContractStart").asText()).matches("\\d{4}-\\d{2}-\\d{2}T00:00:00");
            assertThat(user.get("birthDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}T00:00:00");
            assertThat(user.get("modifiedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
            assertThat(LocalDateTime.parse(user.get("modifiedAt").asText()).toLocalDate()).isBefore(TODAY);
            assertThat(user.get("gender").asText()).isIn("Female", "Male");
            assertThat(user.get("displayName").asText())
                    .isEqualTo(user.get("lastName").asText() + " " + user.get("firstName").asText());
        }
    }

    @Test
    void employeeNumbersAreFiveDigitsAndUniqueWithinEachLegalEntity() {
        List<ObjectNode> users = SandboxDirectory.generate(5_000, 13L, TODAY);

        Map<String, Set<String>> numbersByEntity = new HashMap<>();
        for (ObjectNode user : users) {
            String number = user.get("employeeNumber").asText();
            assertThat(number).matches("\\d{5}");
            String entity = user.get("legalEntity").get("name").asText();
            assertThat(numbersByEntity.computeIfAbsent(entity, e -> new HashSet<>()).add(number)).isTrue();
        }
    }

    @Test
    void twoHundredEmployeesSpanSeveralLegalEntitiesAndDepartments() {
        List<ObjectNode> users = SandboxDirectory.generate(200, 17L, TODAY);

        Set<String> entities = users.stream().map(u -> u.get("legalEntity").get("name").asText())
                .collect(Collectors.toSet());
        Set<String> departments = users.stream().map(u -> u.get("department").get("name").asText())
                .collect(Collectors.toSet());
        assertThat(entities).hasSizeGreaterThanOrEqualTo(3);
        assertThat(departments).hasSizeGreaterThanOrEqualTo(6);
        assertThat(users).anyMatch(u -> u.get("userAxisValues_4").path("name").asText().startsWith("CC-"));
    }

    @Test
    void smallAndEmptyDirectoriesAreValid() {
        assertThat(SandboxDirectory.generate(0, 1L, TODAY)).isEmpty();
        List<ObjectNode> ceoOnly = SandboxDirectory.generate(1, 1L, TODAY);
        assertThat(ceoOnly).singleElement().satisfies(ceo -> assertThat(ceo.get("manager").isNull()).isTrue());
        assertThatThrownBy(() -> SandboxDirectory.generate(-1, 1L, TODAY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMailFolds(List<ObjectNode> users, String field, String name, String mailPart) {
        assertThat(users).filteredOn(user -> user.get(field).asText().equals(name)).isNotEmpty()
                .allSatisfy(user -> assertThat(user.get("mail").asText()).contains(mailPart));
    }

    private static boolean endsBefore(JsonNode user, LocalDate day) {
        return !user.get("dtContractEnd").isNull() && day(user, "dtContractEnd").isBefore(day);
    }

    private static LocalDate day(JsonNode user, String field) {
        return LocalDateTime.parse(user.get(field).asText()).toLocalDate();
    }
}
