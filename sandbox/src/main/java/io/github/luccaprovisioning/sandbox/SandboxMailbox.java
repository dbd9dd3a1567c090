package io.github.luccaprovisioning.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A real SMTP server on loopback (GreenMail) whose received mails are saved as .eml files, to open in a mail client. */
public final class SandboxMailbox implements AutoCloseable {

    private final GreenMail smtp;
    private final Path folder;

    public SandboxMailbox(Path folder) {
        this.folder = folder;
        this.smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return smtp.getSmtp().getPort();
    }

    /** Writes the mails received so far to the folder, named by recipient, and returns their paths. */
    public List<Path> save() throws IOException {
        Files.createDirectories(folder);
        List<Path> saved = new ArrayList<>();
        String prefix = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-";
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                String recipient = message.getAllRecipients()[0].toString().replaceAll("[^A-Za-z0-9@._+-]", "_");
                Path file = folder.resolve(prefix + recipient + ".eml");
                try (OutputStream out = Files.newOutputStream(file)) {
                    message.writeTo(out);
                }
                saved.add(file);
            } catch (MessagingException e) {
                throw new IOException("could not save a sandbox mail", e);
            }
        }
        return saved;
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
