package io.github.luccaprovisioning.bench;

/**
 * The lower bounds a run is measured against: a number of target calls, each taking the target's latency, with
 * {@code concurrency} of them in flight at once (and, under a rate limit, no more than that many a second).
 * Two of them per run: the calls the sync made, and the writes the target must receive whatever the sync does.
 */
record Bounds(long latencyMillis, int concurrency, int rateLimit) {

    /** The seconds these calls need at the least. */
    double seconds(long calls) {
        double byLatency = calls * latencyMillis / 1000.0 / concurrency;
        return rateLimit > 0 ? Math.max(byLatency, (double) calls / rateLimit) : byLatency;
    }

    /** How many times the bound the run took, "-" when there is no bound (no call needed). */
    static String ratio(double seconds, double bound) {
        return bound > 0 ? String.format("%.2f", seconds / bound) : "-";
    }

    /**
     * The writes a run cannot do without: one per account created, updated, reactivated or deactivated, or, when
     * the sync used SCIM Bulk, one per bulk request.
     */
    static long necessaryWrites(long accountsWritten, long bulkRequests) {
        return bulkRequests > 0 ? bulkRequests : accountsWritten;
    }
}
