package io.github.luccaprovisioning.lucca;

/**
 * Where a run stands in its page-by-page read of the Lucca directory.
 * <p>
 * A read is complete only when the last (short) page came back and the employees received match the count Lucca
 * announced: a read that stopped early or came back empty must never be taken for "everyone left".
 */
public final class DirectoryRead {

    private final int pageSize;
    private int nextOffset;
    private int pagesRead;
    private int employeesRead;
    private Integer announced;
    private boolean morePages = true;
    private String nextUrl;
    private String deprecationNotice;
    private String employeeId;

    public DirectoryRead(int pageSize) {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("lucca.page-size must be between 1 and 1000 (Lucca's maximum), not " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /** Takes note of one page; the next page is asked for only while pages come back full. */
    synchronized void pageReceived(int employeesOnPage, Integer announcedCount) {
        pagesRead++;
        employeesRead += employeesOnPage;
        nextOffset += employeesOnPage;
        if (announcedCount != null) {
            announced = announcedCount;
        }
        boolean pastAnnounced = announced != null && employeesRead >= announced;
        morePages = employeesOnPage == pageSize && !pastAnnounced;
    }

    /**
     * Takes note of one page of a cursor-paged (Lucca v5) read; the next page is the one Lucca links to, and the
     * read ends when it links to none.
     */
    synchronized void cursorPageReceived(int employeesOnPage, Integer announcedCount, String next) {
        pagesRead++;
        employeesRead += employeesOnPage;
        if (announcedCount != null) {
            announced = announcedCount;
        }
        nextUrl = next;
        morePages = next != null;
    }

    /**
     * Makes this the read of one employee (a webhook run): complete once Lucca answered with them, and never a read
     * of the whole directory, so nobody else counts as vanished from it.
     */
    public synchronized void oneEmployee(String luccaId) {
        employeeId = luccaId;
    }

    /** The one employee this read is about, or null for a read of the whole directory. */
    public synchronized String getEmployeeId() {
        return employeeId;
    }

    /** Whether this reads the whole directory, so that whoever it did not list has left Lucca (once complete). */
    public synchronized boolean isWholeDirectory() {
        return employeeId == null;
    }

    /** Takes note of the answer to the read of one employee: found, or not (Lucca answered 404). */
    synchronized void employeeReceived(boolean found) {
        pagesRead++;
        employeesRead += found ? 1 : 0;
        announced = employeesRead;
        morePages = false;
    }

    /** The address of the next page of a cursor-paged read, or null before the first page and after the last. */
    public synchronized String getNextUrl() {
        return nextUrl;
    }

    /**
     * Keeps what the first {@code Deprecation} or {@code Sunset} header of this read says, for the log and the
     * summary mail, so that an administrator learns of the API's end in time.
     *
     * @return true when this answer is the first of the read to carry one (the one to log)
     */
    public synchronized boolean noteDeprecation(String deprecation, String sunset) {
        if (deprecationNotice != null) {
            return false;
        }
        deprecationNotice = deprecationOf(deprecation, sunset);
        return deprecationNotice != null;
    }

    /** What a {@code Deprecation} and a {@code Sunset} header say, for a person, or null when there is neither. */
    public static String deprecationOf(String deprecation, String sunset) {
        boolean none = (deprecation == null || deprecation.isBlank()) && (sunset == null || sunset.isBlank());
        if (none) {
            return null;
        }
        return "Lucca marks the API this sync reads as deprecated"
                + (deprecation == null || deprecation.isBlank() ? "" : " (Deprecation: " + deprecation.strip() + ")")
                + (sunset == null || sunset.isBlank() ? ", no end date given" : ", to be turned off on " + sunset.strip())
                + ": plan the move to its successor (from v3: lucca.api=v5, docs/configuration.md)";
    }

    /** What Lucca said of the API's deprecation during this read, or null when it said nothing. */
    public synchronized String getDeprecationNotice() {
        return deprecationNotice;
    }

    public synchronized boolean isMorePages() {
        return morePages;
    }

    public synchronized int getNextOffset() {
        return nextOffset;
    }

    public int getPageSize() {
        return pageSize;
    }

    public synchronized int getPagesRead() {
        return pagesRead;
    }

    public synchronized int getEmployeesRead() {
        return employeesRead;
    }

    /** The total Lucca announced in {@code data.count}, or null when it did not say. */
    public synchronized Integer getAnnounced() {
        return announced;
    }

    /** The pages the announced total fills, or null before Lucca announced it. */
    public synchronized Integer getPagesAnnounced() {
        return announced == null ? null : Math.max(1, (announced + pageSize - 1) / pageSize);
    }

    /** True when every page was read, someone came back, and the count matches what Lucca announced. */
    public synchronized boolean isComplete() {
        return !morePages && employeesRead > 0 && announced != null && employeesRead == announced;
    }
}
