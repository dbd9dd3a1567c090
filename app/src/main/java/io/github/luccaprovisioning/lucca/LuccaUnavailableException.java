package io.github.luccaprovisioning.lucca;

/** Lucca answered 429 (the tenant's shared budget is spent) or 5xx: the same page is asked again after a wait. */
public class LuccaUnavailableException extends LuccaReadException {

    private final String retryAfter;

    public LuccaUnavailableException(String message, String retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Lucca's Retry-After header, seconds or an HTTP date, or null. */
    public String retryAfter() {
        return retryAfter;
    }
}
