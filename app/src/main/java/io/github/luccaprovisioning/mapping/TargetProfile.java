package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.Message;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target profile ({@code profiles/<name>.yaml}): the target's address, authentication and extra headers, and how
 * an employee becomes one of its users. Settings given explicitly (target.base-url, mapping.date-format) win over
 * the profile's defaults. The mapping must give the target what the sync relies on: externalId from the Lucca
 * id, userName (the email, mandatory) and the Employee ID.
 */
public final class TargetProfile {

    static final String ENTERPRISE_ALIAS = "enterprise";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String name;
    private final String baseUrl;
    private final String authorization;
    private final Map<String, String> headers;
    private final String dateFormat;
    private final String costCentersUrl;
    private final boolean lookupWithOr;
    private final Map<String, String> schemas;
    private final List<AttributeRule> attributes;

    /** Reads the profile the settings name, with the settings given explicitly in place of its defaults. */
    public TargetProfile(TargetSettings settings) throws IOException {
        String profile = settings.getProfile();
        String mappingFile = settings.getMappingFile();
        String baseUrl = settings.getBaseUrl();
        String programme = settings.getProgramme();
        String dateFormat = settings.getDateFormat();
        String costCentersUrl = settings.getCostCentersUrl();
        Path file = blank(mappingFile) ? Path.of("profiles", profile + ".yaml") : Path.of(mappingFile);
        JsonNode definition;
        // the jar reads profiles/ beside the process; the Karaf bundle carries the same files as entries of its own
        URL packed = blank(mappingFile) ? TargetProfile.class.getClassLoader().getResource("profiles/" + profile + ".yaml") : null;
        if (Files.isRegularFile(file)) {
            definition = YAML.readTree(file.toFile());
        } else if (packed != null) {
            definition = YAML.readTree(packed);
        } else {
            throw new IllegalArgumentException("target.profile '" + profile + "' has no file " + file
                    + " (profiles: scim, travelperk, rewardgateway)");
        }
        JsonNode target = definition.path("target");
        this.name = profile;
        String address = blank(baseUrl) ? target.path("base-url").asText("") : baseUrl.strip();
        if (address.isBlank()) {
            throw new IllegalArgumentException("target.base-url is not set: the " + profile
                    + " profile has no default address; set it in application.properties or the environment variable TARGET_BASE_URL");
        }
        if (address.contains("{programme}")) {
            if (blank(programme)) {
                throw new IllegalArgumentException("target.programme is not set: the " + profile
                        + " address needs it; set it in application.properties or the environment variable TARGET_PROGRAMME");
            }
            address = address.replace("{programme}", programme.strip());
        }
        this.baseUrl = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        this.authorization = target.path("authorization").asText("Bearer {token}").replace("{token}", String.valueOf(settings.getToken()));
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        target.path("headers").fields().forEachRemaining(header -> extraHeaders.put(header.getKey(), header.getValue().asText()));
        this.headers = Collections.unmodifiableMap(extraHeaders);
        this.dateFormat = blank(dateFormat) ? target.path("date-format").asText("yyyy-MM-dd") : dateFormat.strip();
        String profileCostCenters = target.path("cost-centers-url").asText(null);
        this.costCentersUrl = profileCostCenters == null || blank(costCentersUrl) ? profileCostCenters : costCentersUrl.strip();
        this.lookupWithOr = target.path("lookup-with-or").asBoolean(false);
        Map<String, String> aliases = new LinkedHashMap<>();
        definition.path("schemas").fields().forEachRemaining(schema -> aliases.put(schema.getKey(), schema.getValue().asText()));
        this.schemas = Collections.unmodifiableMap(aliases);
        List<AttributeRule> rules = new ArrayList<>();
        definition.path("attributes").fields().forEachRemaining(rule -> rules.add(AttributeRule.parse(rule.getKey(), rule.getValue())));
        this.attributes = List.copyOf(rules);
        requireWhatTheSyncReliesOn(file);
    }

    private void requireWhatTheSyncReliesOn(Path file) {
        if (attributes.stream().noneMatch(rule -> rule.attribute().equals("externalId") && rule.fields().equals(List.of("id")))) {
            throw new IllegalArgumentException("the mapping in " + file + " must send externalId: id, the Lucca id the sync matches accounts on");
        }
        if (attributes.stream().noneMatch(rule -> rule.attribute().equals("userName"))) {
            throw new IllegalArgumentException("the mapping in " + file + " leaves out userName: the email is mandatory");
        }
        if (attributes.stream().noneMatch(rule -> rule.attribute().endsWith(".employeeNumber"))) {
            throw new IllegalArgumentException("the mapping in " + file
                    + " leaves out the Employee ID (enterprise.employeeNumber), which identifies a person in the target");
        }
        if (!schemas.containsKey(ENTERPRISE_ALIAS)) {
            throw new IllegalArgumentException("the mapping in " + file + " must name the enterprise schema under schemas");
        }
        for (AttributeRule rule : attributes) {
            int dot = rule.attribute().indexOf('.');
            String prefix = dot < 0 ? null : rule.attribute().substring(0, dot);
            if (prefix != null && !prefix.equals("name") && !schemas.containsKey(prefix)) {
                throw new IllegalArgumentException("the mapping in " + file + " uses " + rule.attribute()
                        + " but names no schema '" + prefix + "' under schemas");
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The address of the Users endpoint. */
    public String getUsersUrl() {
        return baseUrl + "/Users";
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /** Authenticates a request to the target and adds the profile's headers (Api-Version for TravelPerk). */
    public void addRequestHeaders(Message request) {
        request.setHeader("Authorization", authorization);
        headers.forEach(request::setHeader);
    }

    public String getName() {
        return name;
    }

    public String getDateFormat() {
        return dateFormat;
    }

    /** The target's Cost Centers API, when the profile syncs cost centers (TravelPerk), or null. */
    public String getCostCentersUrl() {
        return costCentersUrl;
    }

    /**
     * Whether the target takes {@code externalId eq "…" or userName eq "…"} (RFC 7644 §3.4.2.2), so that someone new
     * is looked up in one call; false (the default, for a profile that does not say) makes it two calls.
     */
    public boolean isLookupWithOr() {
        return lookupWithOr;
    }

    public Map<String, String> getSchemas() {
        return schemas;
    }

    public List<AttributeRule> getAttributes() {
        return attributes;
    }
}
