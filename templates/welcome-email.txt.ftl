<#-- The plain-text part of the welcome mail; same model as welcome-email.html.ftlh. -->
Hello ${firstName},

Your account is ready. Sign in with your work email, ${email}<#if loginUrl?has_content>, at ${loginUrl}</#if>.

Welcome aboard!
