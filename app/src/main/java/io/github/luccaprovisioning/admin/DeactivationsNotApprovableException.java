package io.github.luccaprovisioning.admin;

/** The deactivations of that run cannot be approved as the history stands (a 409): the message says why. */
public final class DeactivationsNotApprovableException extends RuntimeException {

    public DeactivationsNotApprovableException(String message) {
        super(message);
    }
}
