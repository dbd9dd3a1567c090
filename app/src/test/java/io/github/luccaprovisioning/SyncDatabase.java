package io.github.luccaprovisioning;

import java.nio.file.Path;

/** The database a test's pipeline keeps its state in: the db.url, db.user and db.password it is given. */
public record SyncDatabase(String url, String user, String password) {

    /** An H2 file in the test's folder, the default. */
    public static SyncDatabase h2File(Path folder) {
        return new SyncDatabase("jdbc:h2:file:" + folder.resolve("sync").toAbsolutePath(), "sa", "");
    }
}
