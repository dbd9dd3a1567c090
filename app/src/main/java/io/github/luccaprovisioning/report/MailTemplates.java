package io.github.luccaprovisioning.report;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The mail templates in {@code mail.templates-dir}, FreeMarker files an engineer edits without rebuilding (in Karaf,
 * without such a folder, the copies the bundle carries).
 * A {@code .ftlh} template escapes every value as HTML, so a name typed in Lucca cannot change the mail's markup.
 * FreeMarker is set up at the first mail, not when the routes start: a run has read Lucca by then.
 */
public final class MailTemplates {

    private final File folder;
    private final String bundleFolder;
    private Configuration freemarker;

    public MailTemplates(String folder) throws IOException {
        File templates = new File(folder);
        if (templates.isDirectory()) {
            this.folder = templates;
            this.bundleFolder = null;
        } else if (MailTemplates.class.getClassLoader().getResource(folder + "/run-summary.html.ftlh") != null) {
            // the Karaf bundle carries templates/ as entries of its own
            this.folder = null;
            this.bundleFolder = folder;
        } else {
            throw new IOException("mail.templates-dir '" + folder + "' is not a folder of mail templates");
        }
    }

    private synchronized Configuration freemarker() throws IOException {
        if (freemarker == null) {
            Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
            if (folder != null) {
                configuration.setDirectoryForTemplateLoading(folder);
            } else {
                configuration.setClassLoaderForTemplateLoading(MailTemplates.class.getClassLoader(), bundleFolder);
            }
            configuration.setDefaultEncoding("UTF-8");
            configuration.setNumberFormat("computer");
            freemarker = configuration;
        }
        return freemarker;
    }

    public String render(String template, Map<String, Object> model) {
        try (StringWriter text = new StringWriter()) {
            freemarker().getTemplate(template).process(model, text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("mail template " + template + " could not be read", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("mail template " + template + " failed: " + e.getMessageWithoutStackTop(), e);
        }
    }
}
