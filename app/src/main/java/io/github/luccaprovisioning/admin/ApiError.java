package io.github.luccaprovisioning.admin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.luccaprovisioning.sync.RunAlreadyInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static io.github.luccaprovisioning.sync.FailureReasons.findCause;

/**
 * The answer of an admin API call that did not succeed, and its HTTP status. A 4xx says what the caller did wrong or
 * what stands in the way; anything else is the application's fault: a 500 whose message says nothing of the
 * internals (SQL, URLs, settings), with an incident id that finds the stack trace in the log.
 *
 * @param runningId the run in progress, when a run was refused because of it
 * @param incident  the id logged with the stack trace, for a 500
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(@JsonIgnore int status, String error, Long runningId, String incident) {

    private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

    public static ApiError of(Exception exception) {
        if (findCause(exception, RunAlreadyInProgressException.class) instanceof RunAlreadyInProgressException inProgress) {
            long running = inProgress.getRunningId();
            return new ApiError(409, inProgress.getMessage(), running < 0 ? null : running, null);
        }
        if (findCause(exception, DeactivationsNotApprovableException.class) instanceof DeactivationsNotApprovableException notApprovable) {
            return new ApiError(409, notApprovable.getMessage(), null, null);
        }
        if (findCause(exception, BadRequestException.class) instanceof BadRequestException badRequest) {
            return new ApiError(400, badRequest.getMessage(), null, null);
        }
        if (findCause(exception, NotFoundException.class) instanceof NotFoundException notFound) {
            return new ApiError(404, notFound.getMessage(), null, null);
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Admin API incident {}: the call failed", incident, exception);
        return new ApiError(500, "The server failed to answer this call: look for incident " + incident + " in its log", null, incident);
    }
}
