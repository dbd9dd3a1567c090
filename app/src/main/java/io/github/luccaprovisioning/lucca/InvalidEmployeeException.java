package io.github.luccaprovisioning.lucca;

/** A Lucca record that cannot become a target account as it is; the reason is written for a person to act on. */
public class InvalidEmployeeException extends RuntimeException {

    private final String step;

    public InvalidEmployeeException(String reason) {
        this("validate", reason);
    }

    /** @param step read, when the record is not an employee at all; validate for a field that is wrong */
    public InvalidEmployeeException(String step, String reason) {
        super(reason);
        this.step = step;
    }

    public String step() {
        return step;
    }
}
