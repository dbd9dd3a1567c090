package io.github.luccaprovisioning.karaf.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The artifacts this build made, in a folder laid out as a Maven repository, so that Karaf resolves
 * {@code mvn:io.github.luccaprovisioning/...} URLs as it would from a user's repository: {@code mvn verify} installs
 * nothing into ~/.m2.
 */
final class ProductRepository {

    private ProductRepository() {
    }

    static Path layOut(Path folder, String version) throws IOException {
        copy(Path.of(System.getProperty("features.file", "target/feature/feature.xml")),
                StandInCamelKaraf.artifact(folder, "io.github.luccaprovisioning", "lucca-provisioning-features", version, "features", "xml"));
        copy(Path.of(System.getProperty("bundle.file", "../karaf/target/lucca-provisioning-karaf-" + version + ".jar")),
                StandInCamelKaraf.artifact(folder, "io.github.luccaprovisioning", "lucca-provisioning-karaf", version, null, "jar"));
        return folder;
    }

    private static void copy(Path built, Path into) throws IOException {
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException(built + " is not built: run mvn verify from the top folder");
        }
        Files.createDirectories(into.getParent());
        Files.copy(built, into, StandardCopyOption.REPLACE_EXISTING);
    }
}
