package io.github.luccaprovisioning.karaf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged bundle: the repository's own routes, profiles, templates and dashboard, byte for byte; imports that wire to any
 * Camel 4.18.x; the DS component; no fake and no camel-main launcher. Runs on the jar, after package (failsafe).
 */
class BundleContentIT {

    private static final Path BUNDLE = Path.of(System.getProperty("bundle.file", "target/lucca-provisioning-karaf.jar"));
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void theBundleCarriesTheRepositorysRoutesProfilesAndTemplatesUnchanged() throws IOException {
        try (JarFile bundle = new JarFile(BUNDLE.toFile())) {
            for (String folder : List.of("routes", "profiles", "templates", "dashboard")) {
                List<Path> files;
                try (Stream<Path> listed = Files.list(REPOSITORY.resolve(folder))) {
                    files = listed.filter(Files::isRegularFile).toList();
                }
                assertThat(files).isNotEmpty();
                for (Path file : files) {
                    JarEntry entry = bundle.getJarEntry(folder + "/" + file.getFileName());
                    assertThat(entry).as(folder + "/" + file.getFileName()).isNotNull();
                    assertThat(bundle.getInputStream(entry).readAllBytes()).as(entry.getName()).isEqualTo(Files.readAllBytes(file));
                }
            }
            assertThat(bundle.getJarEntry("application.properties")).isNotNull();
            assertThat(bundle.stream().map(JarEntry::getName))
                    .noneMatch(name -> name.contains("/sandbox/"))
                    .noneMatch(name -> name.equals("io/github/luccaprovisioning/LuccaProvisioning.class"))
                    .contains("db/migration/V1__sync_state.sql", "OSGI-INF/io.github.luccaprovisioning.karaf.ProvisioningBundle.xml");
        }
    }

    @Test
    void theManifestWiresToCamel418AndDeclaresTheComponentAndCommands() throws IOException {
        try (JarFile bundle = new JarFile(BUNDLE.toFile())) {
            Attributes manifest = bundle.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("io.github.luccaprovisioning");
            assertThat(manifest.getValue("Service-Component")).contains("ProvisioningBundle");
            assertThat(manifest.getValue("Karaf-Commands")).isEqualTo("io.github.luccaprovisioning.karaf.commands");
            String imports = manifest.getValue("Import-Package");
            assertThat(imports).contains("org.apache.camel;version=\"[4.18,4.19)\"",
                    "org.apache.camel.http.base;version=\"[4.18,4.19)\"", "com.zaxxer.hikari", "io.leangen.geantyref");
            // OSGi forbids importing java.*; the libraries that are no bundles are inside
            assertThat(imports).doesNotContain("java.lang", "org.flywaydb", "org.jdbi");
            assertThat(manifest.getValue("Bundle-ClassPath")).contains("flyway-core", "jdbi3-core", "fastexcel");
        }
    }
}
