package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScimUserMapperTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
    private final ScimUserMapper mapper = mapper("scim", "full");

    static ScimUserMapper mapper(String profile, String details) {
        try {
            TargetSettings settings = settings(profile, "");
            settings.setBaseUrl("https://target.example/scim/v2");
            settings.setProgramme("programme-1");
            ScimUserMapper mapper = new ScimUserMapper(new TargetProfile(settings),
                    Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
            mapper.setDetails(details);
            mapper.setCostCenterAxis("4");
            mapper.setCamelContext(new DefaultCamelContext());
            return mapper;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    /** The settings of a profile, or of a mapping file (a "custom" profile), with a token. */
    static TargetSettings settings(String profile, String mappingFile) {
        TargetSettings settings = new TargetSettings();
        settings.setProfile(profile);
        settings.setMappingFile(mappingFile);
        settings.setToken("token");
        return settings;
    }

    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode camille() throws Exception {
        return (ObjectNode) json.readTree("""
                {"id": 1201, "name": "Camille Moreau", "firstName": " Camille ", "lastName": "MOREAU",
                 "mail": "camille.moreau@acme.example", "employeeNumber": "00412", "jobTitle": "Account Manager",
                 "dtContractStart": "2021-03-15T00:00:00", "dtContractEnd": null,
                 "legalEntity": {"id": 2, "name": "Acme France SAS"}, "department": {"id": 17, "name": "Sales"}}""");
    }

    @Test
    void mapsTheCoreUserAndTheEnterpriseExtension() throws Exception {
        JsonNode user = mapper.toScimUser(camille());

        assertThat(user.path("externalId").asText()).isEqualTo("1201");
        assertThat(user.path("userName").asText()).isEqualTo("camille.moreau@acme.example");
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Camille");
        assertThat(user.path("name").path("familyName").asText()).isEqualTo("MOREAU");
        assertThat(user.path("displayName").asText()).isEqualTo("Camille MOREAU");
        assertThat(user.path("emails").get(0).path("type").asText()).isEqualTo("work");
        assertThat(user.path("title").asText()).isEqualTo("Account Manager");
        assertThat(user.path("active").asBoolean()).isTrue();
        JsonNode enterprise = user.path(ScimUserMapper.ENTERPRISE_SCHEMA);
        assertThat(enterprise.path("employeeNumber").asText()).as("leading zeros kept").isEqualTo("00412");
        assertThat(enterprise.path("department").asText()).isEqualTo("Sales");
        assertThat(enterprise.path("organization").asText()).isEqualTo("Acme France SAS");
    }

    @Test
    void theLastDayOfTheContractStillCountsAsEmployed() throws Exception {
        ObjectNode lastDay = camille().put("dtContractEnd", TODAY + "T00:00:00");
        ObjectNode leftYesterday = camille().put("dtContractEnd", TODAY.minusDays(1) + "T00:00:00");

        assertThat(mapper.toScimUser(lastDay).path("active").asBoolean()).isTrue();
        assertThat(mapper.toScimUser(leftYesterday).path("active").asBoolean()).isFalse();
    }

    @Test
    void absentOptionalFieldsAreLeftOutRatherThanSentEmpty() throws Exception {
        ObjectNode sparse = camille();
        sparse.remove("jobTitle");
        sparse.putNull("department");

        JsonNode user = mapper.toScimUser(sparse);

        assertThat(user.has("title")).isFalse();
        assertThat(user.path(ScimUserMapper.ENTERPRISE_SCHEMA).has("department")).isFalse();
    }

    @Test
    void aMissingOrInvalidEmailIsRefusedWithTheReason() throws Exception {
        assertThatThrownBy(() -> mapper.toScimUser(camille().putNull("mail")))
                .isInstanceOf(InvalidEmployeeException.class).hasMessage("email missing");
        assertThatThrownBy(() -> mapper.toScimUser(camille().put("mail", "  ")))
                .hasMessage("email missing");
        assertThatThrownBy(() -> mapper.toScimUser(camille().put("mail", "camille@")))
                .hasMessage("email 'camille@' is not a valid address");
    }

    @Test
    void anUnreadableContractEndIsRefusedRatherThanGuessed() throws Exception {
        assertThatThrownBy(() -> mapper.toScimUser(camille().put("dtContractEnd", "31/12/2025")))
                .isInstanceOf(InvalidEmployeeException.class).hasMessageContaining("dtContractEnd '31/12/2025'");
    }

    @Test
    void theSameEmployeeAlwaysMapsToTheSameUser() throws Exception {
        assertThat(mapper.toScimUser(camille())).isEqualTo(mapper.toScimUser(camille()));
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path folder;

    private java.nio.file.Path mappingFile(String attributes) throws Exception {
        java.nio.file.Path file = folder.resolve("my-mapping.yaml");
        java.nio.file.Files.writeString(file, """
                target:
                  base-url: https://target.example/scim/v2
                schemas:
                  enterprise: urn:ietf:params:scim:schemas:extension:enterprise:2.0:User
                attributes:
                """ + attributes.indent(2));
        return file;
    }

    @Test
    void aCustomMappingCanUseASimpleExpression() throws Exception {
        java.nio.file.Path file = mappingFile("""
                externalId: id
                userName: mail
                displayName: "${body[lastName].toUpperCase()}, ${body[firstName]} (${body[department][name]})"
                enterprise.employeeNumber: employeeNumber
                """);
        ScimUserMapper custom = new ScimUserMapper(new TargetProfile(settings("custom", file.toString())));
        custom.setCamelContext(new DefaultCamelContext());

        JsonNode user = custom.toScimUser(camille());

        assertThat(user.path("displayName").asText()).isEqualTo("MOREAU, Camille (Sales)");
        assertThat(user.has("title")).as("only what the mapping names is sent").isFalse();
    }

    @Test
    void aMappingWithoutTheEmailOrTheEmployeeIdIsRefusedAtStart() throws Exception {
        java.nio.file.Path noEmail = mappingFile("externalId: id\nenterprise.employeeNumber: employeeNumber\n");
        assertThatThrownBy(() -> new TargetProfile(settings("custom", noEmail.toString())))
                .hasMessageContaining("leaves out userName: the email is mandatory");
        java.nio.file.Path noEmployeeId = mappingFile("externalId: id\nuserName: mail\n");
        assertThatThrownBy(() -> new TargetProfile(settings("custom", noEmployeeId.toString())))
                .hasMessageContaining("leaves out the Employee ID");
        java.nio.file.Path otherKey = mappingFile("externalId: employeeNumber\nuserName: mail\nenterprise.employeeNumber: employeeNumber\n");
        assertThatThrownBy(() -> new TargetProfile(settings("custom", otherKey.toString())))
                .hasMessageContaining("must send externalId: id");
    }

    @Test
    void onlyTheChosenDetailsAreSent() throws Exception {
        ObjectNode traveller = camille().put("gender", "Female").put("birthDate", "1990-07-04T00:00:00").put("directLine", "+33 1 70 00 00 12");

        JsonNode phoneOnly = mapper("travelperk", "phone").toScimUser(traveller);
        JsonNode full = mapper("travelperk", "full").toScimUser(traveller);

        assertThat(phoneOnly.path("phoneNumbers").get(0).path("value").asText()).isEqualTo("+33 1 70 00 00 12");
        assertThat(phoneOnly.has("urn:ietf:params:scim:schemas:extension:travelperk:2.0:User")).isFalse();
        assertThat(full.path("urn:ietf:params:scim:schemas:extension:travelperk:2.0:User").path("dateOfBirth").asText()).isEqualTo("1990/07/04");
        assertThatThrownBy(() -> mapper("travelperk", "phone,shoe-size")).hasMessageContaining("not 'shoe-size'");
    }

    @Test
    void theDateFormatSettingWinsOverTheProfiles() throws Exception {
        TargetSettings settings = settings("travelperk", "");
        settings.setDateFormat("MM/dd/yyyy");
        ScimUserMapper usFormat = new ScimUserMapper(new TargetProfile(settings));
        usFormat.setCamelContext(new DefaultCamelContext());

        JsonNode user = usFormat.toScimUser(camille().put("birthDate", "1990-07-04T00:00:00"));

        assertThat(user.path("urn:ietf:params:scim:schemas:extension:travelperk:2.0:User").path("dateOfBirth").asText()).isEqualTo("07/04/1990");
    }
}
