package io.github.luccaprovisioning.scim;

/** The target holds accounts that make it unsafe to pick one for this employee; a person has to decide. */
public class AccountConflictException extends RuntimeException {

    public AccountConflictException(String reason) {
        super(reason);
    }
}
