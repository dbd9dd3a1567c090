package io.github.luccaprovisioning.lucca;

/** Lucca reads that went some way already, for tests outside the lucca package. */
public final class DirectoryReads {

    private DirectoryReads() {
    }

    /** A read of {@code pages} full pages of {@code pageSize} employees, of the {@code announced} Lucca announced. */
    public static DirectoryRead afterPages(int pageSize, int pages, int announced) {
        DirectoryRead read = new DirectoryRead(pageSize);
        for (int page = 0; page < pages; page++) {
            read.pageReceived(pageSize, announced);
        }
        return read;
    }
}
