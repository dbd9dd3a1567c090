package io.github.luccaprovisioning.scim;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class BulkRecordsTest {

    /**
     * The routes read these records with Camel's simple language ({@code ${exchangeProperty.bulkWrite.deactivation}}):
     * a getter named like a component ({@code isDeactivation} beside {@code deactivation()}) makes that ambiguous, and
     * which method Camel takes then depends on the order reflection lists them, which differs from one JVM to another.
     */
    @ParameterizedTest
    @ValueSource(classes = {BulkWrite.class, BulkOutcome.class, BulkLimits.class})
    void noGetterIsNamedLikeAComponent(Class<?> record) {
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());

        Set<String> getterProperties = Arrays.stream(record.getMethods()).map(Method::getName)
                .filter(name -> name.matches("(is|get)[A-Z].*"))
                .map(name -> name.replaceFirst("^(is|get)", ""))
                .map(property -> Character.toLowerCase(property.charAt(0)) + property.substring(1))
                .collect(Collectors.toSet());

        assertThat(getterProperties).doesNotContainAnyElementsOf(components);
    }
}
