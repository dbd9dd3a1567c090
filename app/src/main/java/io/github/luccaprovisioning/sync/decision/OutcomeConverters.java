package io.github.luccaprovisioning.sync.decision;

import org.apache.camel.Converter;

/**
 * Text to the enums the routes compare and pass by name ({@code ${exchangeProperty.action} == 'CREATE'},
 * {@code count(${exchangeProperty:run}, UNCHANGED)}). Camel converts text to an enum without these too, but it then
 * searches its whole converter registry at every conversion (about 30 µs, measured), several times per employee;
 * found here, the conversion is a map look-up. ProvisioningMain registers them.
 */
@Converter
public final class OutcomeConverters {

    private OutcomeConverters() {
    }

    @Converter
    public static Outcome toOutcome(String name) {
        return Outcome.valueOf(name.strip());
    }

    @Converter
    public static ChangePlanner.Action toAction(String name) {
        return ChangePlanner.Action.valueOf(name.strip());
    }
}
