package io.github.luccaprovisioning.lucca;

/** A Lucca record that cannot become a target account as it is; the reason is written for a person to act on. */
public class InvalidEmployeeException extends RuntimeException {

    public InvalidEmployeeException(String reason) {
        super(reason);
    }
}
