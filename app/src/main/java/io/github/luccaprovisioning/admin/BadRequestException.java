package io.github.luccaprovisioning.admin;

/** A call the admin API cannot serve as it was made: its message (a 400) names the parameter and the form it takes. */
public final class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
