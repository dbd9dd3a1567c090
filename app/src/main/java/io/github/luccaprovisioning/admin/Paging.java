package io.github.luccaprovisioning.admin;

/** A page of a list the admin API serves, as asked for in a query string (?page=0&size=20). */
record Paging(int page, int size) {

    static final int MAX_SIZE = 200;

    /** Page 0 when absent or negative; the default size when absent, never more than {@link #MAX_SIZE}. */
    static Paging of(Integer page, Integer size, int defaultSize) {
        return new Paging(page == null || page < 0 ? 0 : page, size == null || size < 1 ? defaultSize : Math.min(size, MAX_SIZE));
    }

    int offset() {
        return page * size;
    }
}
