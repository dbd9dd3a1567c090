package io.github.luccaprovisioning.lucca;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Turns what an administrator types as "Lucca subdomain" into the tenant's base URL.
 * <p>
 * People paste {@code acme}, {@code acme.ilucca.net} or a whole browser address; all of them mean the same tenant.
 * Only Lucca's own domains are accepted, so an API key is never sent to a host that merely looks like a tenant;
 * an explicit {@code lucca.base-url} (sandbox, tests, a proxy) bypasses the check on purpose.
 */
public final class LuccaTenant {

    private static final String DEFAULT_DOMAIN = ".ilucca.net";
    private static final List<String> LUCCA_DOMAINS = List.of(
            ".ilucca.net", ".ilucca-test.net", ".ilucca-demo.net", ".ilucca.ch",
            ".sandbox.eu1.luccasoftware.com", ".sandbox.eu2.luccasoftware.com", ".sandbox.ch1.luccasoftware.com");

    private final String baseUrl;

    /** Fails at start-up, with the reason, when the tenant cannot be worked out from the settings. */
    public LuccaTenant(String subdomain, String baseUrlOverride) {
        this.baseUrl = baseUrlOf(subdomain, baseUrlOverride);
    }

    /** The tenant's address without a trailing slash, for example {@code https://acme.ilucca.net}. */
    public String getBaseUrl() {
        return baseUrl;
    }

    /** The base URL to call: {@code baseUrlOverride} when set, otherwise {@code https://} and the normalised host. */
    public static String baseUrlOf(String subdomain, String baseUrlOverride) {
        if (baseUrlOverride != null && !baseUrlOverride.isBlank()) {
            return stripTrailingSlash(baseUrlOverride.trim());
        }
        return "https://" + host(subdomain);
    }

    /** The tenant host for what was typed, or an {@link IllegalArgumentException} saying what is wrong with it. */
    public static String host(String subdomain) {
        if (subdomain == null || subdomain.isBlank()) {
            throw new IllegalArgumentException(
                    "lucca.subdomain is not set: give the tenant, for example acme or acme.ilucca.net (LUCCA_SUBDOMAIN)");
        }
        String typed = subdomain.trim().toLowerCase(Locale.ROOT);
        String host = typed.contains("://") ? URI.create(typed).getHost() : typed.split("[/?#]", 2)[0];
        if (host == null || host.isEmpty() || !host.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("lucca.subdomain '" + subdomain + "' is not a Lucca tenant address");
        }
        if (!host.contains(".")) {
            return host + DEFAULT_DOMAIN;
        }
        if (LUCCA_DOMAINS.stream().noneMatch(domain -> host.endsWith(domain) && host.length() > domain.length())) {
            throw new IllegalArgumentException("lucca.subdomain '" + subdomain + "' is not on a Lucca domain ("
                    + String.join(", ", LUCCA_DOMAINS) + "); set lucca.base-url to call another host on purpose");
        }
        return host;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
