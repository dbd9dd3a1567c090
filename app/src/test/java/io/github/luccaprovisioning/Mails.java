package io.github.luccaprovisioning;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the parts of a received mail: its text, its HTML and its attachments by file name. */
record Mails(String text, String html, Map<String, byte[]> attachments) {

    static Mails of(MimeMessage message) throws Exception {
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        String[] bodies = new String[2];
        collect(message, bodies, attachments);
        return new Mails(bodies[0], bodies[1], attachments);
    }

    private static void collect(Part part, String[] bodies, Map<String, byte[]> attachments) throws Exception {
        if (part.getFileName() != null) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            part.getDataHandler().writeTo(content);
            attachments.put(part.getFileName(), content.toByteArray());
        } else if (part.isMimeType("text/plain")) {
            bodies[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html")) {
            bodies[1] = part.getContent().toString();
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, bodies, attachments);
            }
        }
    }
}
