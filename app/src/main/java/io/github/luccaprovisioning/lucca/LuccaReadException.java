package io.github.luccaprovisioning.lucca;

/** The Lucca directory could not be read, with a message that says what to fix. The run cannot go on. */
public class LuccaReadException extends RuntimeException {

    public LuccaReadException(String message) {
        super(message);
    }
}
