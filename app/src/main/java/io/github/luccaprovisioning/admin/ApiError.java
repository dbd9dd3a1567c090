package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.luccaprovisioning.sync.FailureReasons;
import io.github.luccaprovisioning.sync.RunAlreadyInProgressException;

import java.util.NoSuchElementException;

/**
 * The body of an admin API answer that is not a success, with the HTTP status that goes with it.
 *
 * @param runningId the run in progress, when a run was refused because of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, Long runningId) {

    public static ApiError of(Exception exception) {
        exception = meant(exception);
        if (exception instanceof RunAlreadyInProgressException inProgress) {
            long running = inProgress.getRunningId();
            return new ApiError(inProgress.getMessage(), running < 0 ? null : running);
        }
        if (exception instanceof IllegalStateException || exception instanceof IllegalArgumentException
                || exception instanceof NoSuchElementException) {
            return new ApiError(exception.getMessage(), null);
        }
        // FailureReasons keeps secrets and stack traces out of what is shown
        return new ApiError(FailureReasons.ofRun(exception), null);
    }

    /** 409 for a conflict with the run in progress or the history, 400 for a bad request, 404 for an unknown run, else 500. */
    public static int status(Exception exception) {
        exception = meant(exception);
        if (exception instanceof IllegalStateException) {
            return 409;
        }
        if (exception instanceof IllegalArgumentException) {
            return 400;
        }
        return exception instanceof NoSuchElementException ? 404 : 500;
    }

    /** The exception a bean threw, rather than Camel's wrapper around it. */
    private static Exception meant(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException
                    || cause instanceof NoSuchElementException) {
                return (Exception) cause;
            }
        }
        return exception;
    }
}
