package io.github.luccaprovisioning.admin;

/** What a call asked for is not there (a 404), such as a run that does not exist or its error file. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
