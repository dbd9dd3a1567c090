package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.lucca.InvalidEmployeeException;
import io.github.luccaprovisioning.lucca.FieldsRead;
import io.github.luccaprovisioning.lucca.LuccaFields;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.DefaultExchange;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps one Lucca v3 user to a SCIM 2.0 User as the target profile's {@code attributes} say, then checks what every
 * target needs: an email, names, lengths a target accepts. {@code active} is the sync's own (the last day of the
 * contract still counts) and is not mappable.
 */
public final class ScimUserMapper implements CamelContextAware, FieldsRead {

    public static final String CORE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** mapping.details: the optional details, all sent with "full". */
    public static final List<String> DETAILS = List.of("gender", "birth-date", "phone", "manager");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a person calls the attributes the sync checks, and the longest value a target accepts for each. */
    private static final List<Check> CHECKS = List.of(
            new Check("userName", "email", 254),
            new Check("name.givenName", "first name", 100),
            new Check("name.familyName", "last name", 100),
            new Check("enterprise.employeeNumber", "employee number", 50),
            new Check("title", "job title", 200));

    private record Check(String attribute, String label, int maxLength) {
    }

    private final TargetProfile profile;
    private Set<String> details = Set.copyOf(DETAILS);
    private String costCenterField;
    private final DateTimeFormatter dateFormat;
    private final Clock clock;
    private final Map<String, Expression> expressions = new ConcurrentHashMap<>();
    private CamelContext camelContext;

    public ScimUserMapper(TargetProfile profile) {
        this(profile, Clock.systemDefaultZone());
    }

    public ScimUserMapper(TargetProfile profile, Clock clock) {
        this.profile = profile;
        this.dateFormat = DateTimeFormatter.ofPattern(profile.getDateFormat(), Locale.ROOT);
        this.clock = clock;
    }

    /** mapping.details: full (the default), or a comma list among gender, birth-date, phone, manager. */
    public void setDetails(String details) {
        this.details = parseDetails(details);
    }

    /**
     * lucca.cost-center-axis: the Lucca axis whose value (userAxisValues_N) is the cost center; empty for none (the
     * default).
     */
    public void setCostCenterAxis(String costCenterAxis) {
        String axis = costCenterAxis == null ? "" : costCenterAxis.strip();
        this.costCenterField = axis.isEmpty() ? null : "userAxisValues_" + axis;
    }

    private static Set<String> parseDetails(String details) {
        String chosen = details == null ? "full" : details.strip().toLowerCase(Locale.ROOT);
        if (chosen.equals("full")) {
            return Set.copyOf(DETAILS);
        }
        Set<String> set = Arrays.stream(chosen.split(",")).map(String::strip).filter(d -> !d.isEmpty()).collect(Collectors.toSet());
        set.stream().filter(detail -> !DETAILS.contains(detail)).findFirst().ifPresent(unknown -> {
            throw new IllegalArgumentException("mapping.details is full or a list among " + String.join(", ", DETAILS)
                    + ", not '" + unknown + "'");
        });
        return set;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    /** Whether managers are linked (the manager detail is asked for). */
    public boolean isSendingManagers() {
        return details.contains("manager");
    }

    /** Every Lucca field the mapping reads; the cost center is the configured axis's value. */
    @Override
    public Collection<String> luccaFields() {
        Set<String> read = new LinkedHashSet<>();
        profile.getAttributes().stream().filter(rule -> rule.detail() == null || details.contains(rule.detail()))
                .forEach(rule -> rule.luccaFields().stream()
                .map(field -> field.startsWith("costCenter") ? costCenterField : field)
                .filter(Objects::nonNull)
                .forEach(read::add));
        return read;
    }

    public ObjectNode toScimUser(JsonNode employee) {
        if (!employee.isObject() || text(employee.path("id")) == null) {
            throw new InvalidEmployeeException("read", "the Lucca record has no id: it is not an employee");
        }
        ObjectNode record = stripped((ObjectNode) employee);
        if (costCenterField != null) {
            record.set("costCenter", record.path(costCenterField));
        }
        ObjectNode attributes = NODES.objectNode();
        Set<String> usedSchemas = new LinkedHashSet<>();
        // the record as the simple expressions see it (${body[firstName]}), made once for all of them
        Exchange asBody = null;
        for (AttributeRule rule : profile.getAttributes()) {
            if (rule.detail() != null && !details.contains(rule.detail())) {
                continue;
            }
            if (rule.simple() != null && asBody == null) {
                asBody = asBody(record);
            }
            String value = valueOf(rule, record, asBody);
            if (value != null) {
                place(attributes, rule.attribute(), value, usedSchemas);
            }
        }
        check(attributes);
        attributes.put("active", !Employment.hasLeft(record, LocalDate.now(clock)));

        ObjectNode user = NODES.objectNode();
        ArrayNode schemas = user.putArray("schemas").add(CORE_SCHEMA);
        usedSchemas.forEach(schemas::add);
        user.setAll(attributes);
        return user;
    }

    private String valueOf(AttributeRule rule, ObjectNode record, Exchange asBody) {
        String raw = null;
        if (rule.simple() != null) {
            raw = evaluate(rule.simple(), asBody);
        } else {
            for (String field : rule.fields()) {
                raw = text(LuccaFields.at(record, field));
                if (raw != null) {
                    break;
                }
            }
        }
        if (raw == null) {
            return null;
        }
        if (rule.date()) {
            raw = Employment.date(rule.fields().isEmpty() ? rule.attribute() : rule.fields().get(0), raw).format(dateFormat);
        }
        return rule.values().isEmpty() ? raw : rule.values().get(raw);
    }

    private Exchange asBody(ObjectNode record) {
        if (camelContext == null) {
            throw new IllegalStateException("a mapping with a simple expression needs the Camel context");
        }
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.getMessage().setBody(JSON.convertValue(record, Map.class));
        return exchange;
    }

    private String evaluate(String simple, Exchange asBody) {
        Expression expression = expressions.computeIfAbsent(simple, text -> {
            Expression compiled = camelContext.resolveLanguage("simple").createExpression(text);
            compiled.init(camelContext);
            return compiled;
        });
        String value = expression.evaluate(asBody, String.class);
        return value == null || value.isBlank() ? null : SPACES.matcher(value.strip()).replaceAll(" ");
    }

    /** Puts a value at title, name.givenName, emails[work] or alias.attribute (an extension schema). */
    private void place(ObjectNode user, String attribute, String value, Set<String> usedSchemas) {
        ObjectNode container = user;
        String name = attribute;
        int dot = attribute.indexOf('.');
        if (dot > 0) {
            String prefix = attribute.substring(0, dot);
            String schema = profile.getSchemas().get(prefix);
            if (schema != null) {
                usedSchemas.add(schema);
            }
            container = user.withObjectProperty(schema != null ? schema : prefix);
            name = attribute.substring(dot + 1);
        }
        int bracket = name.indexOf('[');
        if (bracket > 0) {
            String type = name.substring(bracket + 1, name.length() - 1);
            ArrayNode values = container.withArrayProperty(name.substring(0, bracket));
            values.addObject().put("value", value).put("type", type).put("primary", values.size() == 1);
        } else {
            container.put(name, value);
        }
    }

    private void check(ObjectNode attributes) {
        String email = text(attributes.path("userName"));
        if (email == null) {
            throw new InvalidEmployeeException("email missing");
        }
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidEmployeeException("email '" + email + "' is not a valid address");
        }
        for (Check check : CHECKS) {
            boolean mapped = profile.getAttributes().stream().anyMatch(rule -> rule.attribute().equals(check.attribute()));
            String value = text(valueAt(attributes, check.attribute()));
            if (mapped && value == null && check.attribute().startsWith("name.")) {
                throw new InvalidEmployeeException(check.label() + " missing");
            }
            if (value != null && value.length() > check.maxLength()) {
                throw new InvalidEmployeeException(check.label() + " is " + value.length() + " characters long, more than the "
                        + check.maxLength() + " accepted");
            }
        }
    }

    private JsonNode valueAt(ObjectNode attributes, String attribute) {
        int dot = attribute.indexOf('.');
        if (dot < 0) {
            return attributes.path(attribute);
        }
        String prefix = attribute.substring(0, dot);
        String container = profile.getSchemas().getOrDefault(prefix, prefix);
        return attributes.path(container).path(attribute.substring(dot + 1));
    }

    /** A copy with every text value trimmed: whitespace typed around a value in Lucca is never meant. */
    private static ObjectNode stripped(ObjectNode employee) {
        ObjectNode copy = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : employee.properties()) {
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                copy.put(field.getKey(), value.asText().strip());
            } else if (value.isObject()) {
                copy.set(field.getKey(), stripped((ObjectNode) value));
            } else {
                copy.set(field.getKey(), value.deepCopy());
            }
        }
        return copy;
    }

    private static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
