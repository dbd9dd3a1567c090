package io.github.luccaprovisioning.admin;

/** A page of a list the admin API serves, as asked for in a query string (?page=0&size=20). */
record Paging(int page, int size) {

    static final int MAX_SIZE = 200;
    // page * size stays an int offset
    static final int MAX_PAGE = 1_000_000;

    /** Page 0 and the default size when not given; anything else that is not a page of the list is a bad request. */
    static Paging of(String page, String size, int defaultSize) {
        return new Paging(ApiParameters.wholeNumber("page", page, 0, MAX_PAGE, 0),
                ApiParameters.wholeNumber("size", size, 1, MAX_SIZE, defaultSize));
    }

    int offset() {
        return page * size;
    }
}
