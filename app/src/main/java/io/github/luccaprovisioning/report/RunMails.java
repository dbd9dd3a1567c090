package io.github.luccaprovisioning.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import io.github.luccaprovisioning.sync.state.DeactivationPlans;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.apache.camel.Exchange;
import org.apache.camel.attachment.AttachmentMessage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The mails a run sends: the summary to whoever set the integration up, and a welcome to each new member. */
public final class RunMails {

    /** mail.when: which runs deserve a summary mail. */
    public enum When { ALWAYS, CHANGES_OR_ERRORS, ERRORS }

    static final int HELD_IN_MAIL = 50;
    private static final DateTimeFormatter STARTED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final MailTemplates templates;
    private final DeactivationPlans deactivations;
    private final When when;
    private final String loginUrl;

    public RunMails(MailTemplates templates, DeactivationPlans deactivations, String when, String loginUrl) {
        this.templates = templates;
        this.deactivations = deactivations;
        try {
            this.when = When.valueOf(when.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mail.when must be always, changes-or-errors or errors, not '" + when + "'");
        }
        this.loginUrl = loginUrl == null || loginUrl.isBlank() ? null : loginUrl.strip();
    }

    /**
     * Whether this run's summary is mailed under mail.when; a run that needs a person's attention always is. A webhook
     * run (one employee, many a day) never is: the history and the log show it, and the full run's summary stays.
     */
    public boolean wanted(SyncRun run) {
        if (SyncRun.WEBHOOK.equals(run.getTrigger())) {
            return false;
        }
        boolean needsAttention = run.isFailed() || run.getStatus() == SyncRun.Status.INTERRUPTED || run.getProblemCount() > 0
                || run.countOf(Outcome.HELD_FOR_APPROVAL) > 0;
        boolean changed = List.of(Outcome.CREATED, Outcome.LINKED, Outcome.UPDATED, Outcome.REACTIVATED, Outcome.DEACTIVATED)
                .stream().anyMatch(outcome -> run.countOf(outcome) > 0);
        return switch (when) {
            case ALWAYS -> true;
            case CHANGES_OR_ERRORS -> changed || needsAttention;
            case ERRORS -> needsAttention;
        };
    }

    public String summaryHtml(SyncRun run) {
        List<Map<String, Object>> counts = new ArrayList<>();
        counts.add(Map.of("label", "read from Lucca", "count", run.getDirectory().getEmployeesRead()));
        for (Outcome outcome : Outcome.values()) {
            counts.add(Map.of("label", outcome.label(), "count", run.countOf(outcome)));
        }
        return templates.render("run-summary.html.ftlh", Map.of(
                "run", run,
                "startedAt", STARTED_AT.format(run.getStartedAt()),
                "status", run.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                "counts", counts,
                "held", deactivations.held(run.getId(), HELD_IN_MAIL),
                "errorFileName", run.getErrorFile() == null ? "" : run.getErrorFile().getFileName().toString()));
    }

    /** Attaches the run's error file, when it has one. */
    public void attachErrorFile(Exchange exchange, SyncRun run) {
        if (run.getErrorFile() != null) {
            FileDataSource csv = new FileDataSource(run.getErrorFile().toFile()) {
                @Override
                public String getContentType() {
                    return "text/csv; charset=UTF-8";
                }
            };
            exchange.getMessage(AttachmentMessage.class).addAttachment(run.getErrorFile().getFileName().toString(), new DataHandler(csv));
        }
    }

    /** A new member's work email, where their welcome mail goes. */
    public String recipientOf(ObjectNode scimUser) {
        return scimUser.path("userName").asText();
    }

    public String welcomeHtml(ObjectNode scimUser) {
        return templates.render("welcome-email.html.ftlh", welcomeModel(scimUser));
    }

    public String welcomeText(ObjectNode scimUser) {
        return templates.render("welcome-email.txt.ftl", welcomeModel(scimUser));
    }

    private Map<String, Object> welcomeModel(ObjectNode scimUser) {
        return Map.of(
                "firstName", scimUser.path("name").path("givenName").asText(""),
                "email", scimUser.path("userName").asText(""),
                "loginUrl", loginUrl == null ? "" : loginUrl);
    }
}
