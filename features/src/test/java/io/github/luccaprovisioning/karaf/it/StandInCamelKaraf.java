package io.github.luccaprovisioning.karaf.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;

/**
 * Builds <b>stand-in</b> Camel Karaf bundles and a <b>stand-in</b> Camel Karaf features repository into a folder laid
 * out as a Maven repository, for Karaf integration tests only.
 *
 * <p>Why: no camel-karaf release whose bundles are complete can be downloaded here (see shared/reference/karaf.md).
 * Each stand-in bundle is the upstream {@code org.apache.camel:<a>:<camelVersion>} jar wrapped with bndlib following
 * camel-karaf's own pom recipe, with these deviations (the result is an approximation of Camel Karaf, not the real
 * thing):
 * <ul>
 * <li>(a) every non-Camel import is {@code resolution:=optional};</li>
 * <li>(b) camel-core-osgi is the official {@code org.apache.camel.karaf:camel-core-osgi:<official>} with its
 * {@code org.apache.camel*} import ranges patched to the Camel range;</li>
 * <li>(c) camel-directvm, camel-vm and camel-karaf-shell are empty placeholder bundles; camel-bean has no OSGi
 * {@code BeanInfo} patch;</li>
 * <li>(d) third-party bundles and feature definitions are those of the official camel-karaf {@code <official>}
 * features XML (e.g. jackson 2.19.4, spring 6.2.15, snakeyaml-engine 2.10), all the real artifacts.</li>
 * </ul>
 *
 * <p>The features XML is derived at build time from the official camel-karaf features XML (read from the local Maven
 * repository): every non-Camel feature is copied as is, each needed {@code camel-*} feature is copied with its Camel
 * bundles pointed at the stand-ins ({@value #STANDIN_GROUP_ID}) and its versions moved to {@code camelKarafVersion}.
 * It is written at the official coordinates {@code org.apache.camel.karaf:apache-camel:<camelKarafVersion>:xml:features}
 * inside the target folder, so a product features file that references
 * {@code mvn:org.apache.camel.karaf/apache-camel/<camelKarafVersion>/xml/features} gets the stand-ins in the test.
 * That folder must never be deployed or used outside tests.
 *
 * <p>Everything it reads must already be in the local Maven repository (the pom's maven-dependency-plugin execution
 * downloads it). Output is reused when the inputs did not change.
 */
public final class StandInCamelKaraf {

    public static final String STANDIN_GROUP_ID = "io.github.luccaprovisioning.standin";
    public static final String OFFICIAL_GROUP_ID = "org.apache.camel.karaf";
    public static final String FEATURES_ARTIFACT_ID = "apache-camel";
    /** The Camel Karaf features the product uses. */
    public static final List<String> DEFAULT_FEATURES = List.of("camel-core", "camel-yaml-dsl", "camel-quartz",
            "camel-http", "camel-jackson", "camel-mail", "camel-platform-http-main");

    /** camel-karaf bundles that shade several upstream jars. */
    static final Map<String, List<String>> MERGED = Map.of(
            "camel-yaml-dsl", List.of("camel-yaml-dsl", "camel-yaml-dsl-common", "camel-yaml-dsl-deserializers",
                    "camel-dsl-support"),
            "camel-xml-jaxp", List.of("camel-xml-jaxp", "camel-xml-jaxp-util"));
    /** camel-karaf bundles with no upstream 4.x jar: built as empty bundles. */
    static final Set<String> PLACEHOLDERS = Set.of("camel-directvm", "camel-vm", "camel-karaf-shell");
    static final String CORE_OSGI = "camel-core-osgi";

    private static final String FEATURES_NS = "http://karaf.apache.org/xmlns/features/v1.6.0";
    /** Bump when the generated output changes for the same inputs. */
    private static final String RECIPE_REVISION = "1";

    private final Path localRepository;
    private final String camelVersion;
    private final String officialCamelKarafVersion;
    private final String camelKarafVersion;
    private final List<String> features;

    private StandInCamelKaraf(Builder b) {
        this.localRepository = Objects.requireNonNull(b.localRepository, "localRepository");
        this.camelVersion = b.camelVersion;
        this.officialCamelKarafVersion = b.officialCamelKarafVersion;
        this.camelKarafVersion = b.camelKarafVersion;
        this.features = List.copyOf(b.features);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder preset from the system properties the pom passes to failsafe ({@code karaf.it.*}). */
    public static Builder fromSystemProperties() {
        Builder b = new Builder().localRepository(KarafServer.localMavenRepository());
        b.camelVersion(System.getProperty("karaf.it.camelVersion", b.camelVersion));
        b.officialCamelKarafVersion(System.getProperty("karaf.it.camelKarafOfficialVersion", b.officialCamelKarafVersion));
        b.camelKarafVersion(System.getProperty("karaf.it.camelKarafVersion", b.camelKarafVersion));
        return b;
    }

    public static final class Builder {
        private Path localRepository;
        private String camelVersion = "4.18.0";
        private String officialCamelKarafVersion = "4.14.5";
        private String camelKarafVersion = "4.18.1";
        private List<String> features = DEFAULT_FEATURES;

        /** Local Maven repository holding the upstream jars, the official features XML and camel-core-osgi. */
        public Builder localRepository(Path p) { this.localRepository = p; return this; }
        /** Upstream Camel version that is wrapped (default 4.18.0). */
        public Builder camelVersion(String v) { this.camelVersion = v; return this; }
        /** Official camel-karaf release whose features XML gives the bundle lists (default 4.14.5). */
        public Builder officialCamelKarafVersion(String v) { this.officialCamelKarafVersion = v; return this; }
        /** Version at whose official coordinates the stand-in features XML is written (default 4.18.1). */
        public Builder camelKarafVersion(String v) { this.camelKarafVersion = v; return this; }
        /** Root features to provide (default {@link #DEFAULT_FEATURES}); their camel-* dependencies come along. */
        public Builder features(List<String> f) { this.features = f; return this; }
        public StandInCamelKaraf build() { return new StandInCamelKaraf(this); }
    }

    /** What {@link #buildInto(Path)} produced. */
    public record Result(Path repository, String featuresUrl, Path featuresFile, List<String> bundleUrls,
                         boolean reused, Duration took) {
    }

    /** The {@code mvn:} URL of the stand-in features repository (the official Camel Karaf coordinates). */
    public String featuresUrl() {
        return "mvn:" + OFFICIAL_GROUP_ID + "/" + FEATURES_ARTIFACT_ID + "/" + camelKarafVersion + "/xml/features";
    }

    /**
     * Builds the stand-in bundles and features XML into {@code repo} (a Maven-layout folder used only by tests), or
     * reuses them when nothing changed.
     */
    public Result buildInto(Path repo) throws IOException {
        long t0 = System.nanoTime();
        Path officialXml = artifact(OFFICIAL_GROUP_ID, FEATURES_ARTIFACT_ID, officialCamelKarafVersion, "features", "xml");
        requireFile(officialXml);
        Document official = parse(officialXml);

        // 1. closure of the camel-* features needed
        Map<String, Element> byName = new LinkedHashMap<>();
        NodeList all = official.getDocumentElement().getChildNodes();
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i) instanceof Element e && "feature".equals(e.getLocalName())) {
                byName.putIfAbsent(e.getAttribute("name"), e);
            }
        }
        Set<String> camelFeatures = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(features);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Element f = byName.get(name);
            if (f == null) {
                throw new IllegalStateException("Feature " + name + " is not in " + officialXml);
            }
            if (!isCamelFeature(name) || !camelFeatures.add(name)) {
                continue;
            }
            for (Element dep : descendants(f, "feature")) {
                String d = dep.getTextContent().trim();
                if (isCamelFeature(d) && byName.containsKey(d)) {
                    todo.add(d);
                }
            }
        }

        // 2. stand-in bundles referenced by those features
        Pattern camelBundle = Pattern.compile("mvn:" + Pattern.quote(OFFICIAL_GROUP_ID) + "/([^/]+)/"
                + Pattern.quote(officialCamelKarafVersion));
        Set<String> bundleIds = new LinkedHashSet<>();
        for (String name : camelFeatures) {
            for (Element b : descendants(byName.get(name), "bundle")) {
                Matcher m = camelBundle.matcher(b.getTextContent().trim());
                if (m.matches()) {
                    bundleIds.add(m.group(1));
                }
            }
        }
        Map<String, List<Path>> inputs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String a : bundleIds) {
            List<Path> in = new ArrayList<>();
            if (a.equals(CORE_OSGI)) {
                in.add(artifact(OFFICIAL_GROUP_ID, CORE_OSGI, officialCamelKarafVersion, null, "jar"));
            } else if (!PLACEHOLDERS.contains(a)) {
                for (String up : MERGED.getOrDefault(a, List.of(a))) {
                    in.add(artifact("org.apache.camel", up, camelVersion, null, "jar"));
                }
            }
            for (Path p : in) {
                if (!Files.isRegularFile(p)) {
                    missing.add(localRepository.relativize(p).toString());
                }
            }
            inputs.put(a, in);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Stand-in Camel Karaf: missing in local repository " + localRepository
                    + " (add them to the pom's karaf-it prefetch, then run the Maven build once with network): "
                    + missing);
        }

        // 3. reuse when inputs are unchanged
        String key = cacheKey(officialXml, camelFeatures, inputs);
        Path keyFile = repo.resolve(".standin-cache-key");
        Path featuresFile = artifact(repo, OFFICIAL_GROUP_ID, FEATURES_ARTIFACT_ID, camelKarafVersion, "features", "xml");
        List<String> urls = new ArrayList<>();
        for (String a : bundleIds) {
            urls.add("mvn:" + STANDIN_GROUP_ID + "/" + a + "/" + standInVersion(a));
        }
        boolean reusable = Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)
                && Files.isRegularFile(featuresFile)
                && bundleIds.stream().allMatch(a -> Files.isRegularFile(standInJar(repo, a)));
        if (reusable) {
            return new Result(repo, featuresUrl(), featuresFile, urls, true, Duration.ofNanos(System.nanoTime() - t0));
        }
        Files.deleteIfExists(keyFile);

        // 4. build bundles
        for (Map.Entry<String, List<Path>> e : inputs.entrySet()) {
            String a = e.getKey();
            Path out = standInJar(repo, a);
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            if (a.equals(CORE_OSGI)) {
                patchCoreOsgi(e.getValue().get(0), tmp);
            } else if (PLACEHOLDERS.contains(a)) {
                placeholder(a, tmp);
            } else {
                wrap(a, e.getValue(), tmp);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writePom(out.resolveSibling(a + "-" + standInVersion(a) + ".pom"), a);
        }

        // 5. features XML
        Files.createDirectories(featuresFile.getParent());
        writeFeatures(official, camelFeatures, camelBundle, featuresFile);
        Files.writeString(keyFile, key);
        return new Result(repo, featuresUrl(), featuresFile, urls, false, Duration.ofNanos(System.nanoTime() - t0));
    }

    // ------------------------------------------------------------------------------------------------ bundles

    private String standInVersion(String a) {
        return a.equals(CORE_OSGI) ? officialCamelKarafVersion : camelVersion;
    }

    private Path standInJar(Path repo, String a) {
        return artifact(repo, STANDIN_GROUP_ID, a, standInVersion(a), null, "jar");
    }

    /** camel-karaf recipe: BSN=a, export org.apache.camel*, import org.apache.camel.* in the Camel minor range. */
    private void wrap(String a, List<Path> upstream, Path out) throws IOException {
        try (Jar jar = new Jar(upstream.get(0).toFile()); Analyzer an = new Analyzer()) {
            List<Jar> extra = new ArrayList<>();
            try {
                for (Path p : upstream.subList(1, upstream.size())) {
                    Jar j = new Jar(p.toFile());
                    extra.add(j);
                    jar.addAll(j); // first one wins on duplicate paths
                }
                jar.remove("META-INF/MANIFEST.MF");
                an.setJar(jar);
                an.setProperty(Constants.BUNDLE_SYMBOLICNAME, a);
                an.setProperty(Constants.BUNDLE_VERSION, camelVersion);
                an.setProperty(Constants.BUNDLE_NAME, "STAND-IN " + a + " (upstream org.apache.camel " + camelVersion
                        + " wrapped for tests; not an official camel-karaf bundle)");
                an.setProperty(Constants.EXPORT_PACKAGE, "org.apache.camel*;version=" + camelVersion);
                an.setProperty(Constants.IMPORT_PACKAGE, "org.apache.camel.*;version=\"" + camelRange() + "\","
                        + "*;resolution:=optional");
                an.setProperty(Constants.NOEXTRAHEADERS, "true");
                Manifest mf = an.calcManifest();
                if (!an.getErrors().isEmpty()) {
                    throw new IOException("bnd errors wrapping " + a + ": " + an.getErrors());
                }
                jar.setManifest(mf);
                jar.write(out.toFile());
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("bnd failed wrapping " + a, e);
            } finally {
                extra.forEach(Jar::close);
            }
        }
    }

    /** The official camel-core-osgi, moved to the stand-in versions: exports, and imports of the Camel range. */
    private void patchCoreOsgi(Path official, Path out) throws IOException {
        try (Jar jar = new Jar(official.toFile())) {
            Manifest mf = jar.getManifest();
            Attributes main = mf.getMainAttributes();
            Parameters imports = new Parameters(main.getValue(Constants.IMPORT_PACKAGE));
            // it stands in for Camel Karaf's own camel-core-osgi: its packages at the stand-in Camel Karaf version
            Parameters exports = new Parameters(main.getValue(Constants.EXPORT_PACKAGE));
            for (Map.Entry<String, Attrs> e : exports.entrySet()) {
                e.getValue().put("version", camelKarafVersion);
            }
            for (Map.Entry<String, Attrs> e : imports.entrySet()) {
                String pkg = e.getKey();
                if (pkg.startsWith("org.apache.camel.karaf")) {
                    e.getValue().put("version", minorRange(camelKarafVersion));
                } else if (pkg.startsWith("org.apache.camel")) {
                    e.getValue().put("version", camelRange());
                }
            }
            main.putValue(Constants.EXPORT_PACKAGE, exports.toString());
            main.putValue(Constants.IMPORT_PACKAGE, imports.toString());
            main.putValue("X-Stand-In", "official camel-core-osgi " + officialCamelKarafVersion
                    + " with its exports moved to " + camelKarafVersion
                    + " and its org.apache.camel imports to " + camelRange() + " (tests only)");
            jar.setManifest(mf);
            jar.write(out.toFile());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("patching camel-core-osgi failed", e);
        }
    }

    /** Empty bundle for camel-karaf bundles that have no upstream counterpart. */
    private void placeholder(String a, Path out) throws IOException {
        Manifest mf = new Manifest();
        Attributes m = mf.getMainAttributes();
        m.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        m.putValue(Constants.BUNDLE_SYMBOLICNAME, a);
        m.putValue(Constants.BUNDLE_VERSION, camelVersion);
        m.putValue(Constants.BUNDLE_NAME, "STAND-IN placeholder for " + a + " (empty; tests only)");
        try (Jar jar = new Jar(a)) {
            jar.setManifest(mf);
            jar.write(out.toFile());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("placeholder " + a + " failed", e);
        }
    }

    private void writePom(Path pom, String a) throws IOException {
        Files.writeString(pom, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- STAND-IN bundle for Karaf integration tests only; not an official artifact. -->\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + STANDIN_GROUP_ID + "</groupId><artifactId>" + a + "</artifactId><version>"
                + standInVersion(a) + "</version><packaging>jar</packaging></project>\n");
    }

    private String camelRange() {
        return minorRange(camelVersion);
    }

    static String minorRange(String version) {
        String[] p = version.split("[.]");
        int major = Integer.parseInt(p[0]);
        int minor = Integer.parseInt(p[1]);
        return "[" + major + "." + minor + "," + major + "." + (minor + 1) + ")";
    }

    // ------------------------------------------------------------------------------------------------ features

    private void writeFeatures(Document official, Set<String> camelFeatures, Pattern camelBundle, Path out)
            throws IOException {
        try {
            DocumentBuilder db = newDocumentBuilder();
            Document doc = db.newDocument();
            Element root = doc.createElementNS(FEATURES_NS, "features");
            root.setAttribute("name", "camel-standin-" + camelKarafVersion);
            doc.appendChild(root);
            root.appendChild(doc.createComment("\n"
                    + "  STAND-IN, FOR TESTS ONLY. This is NOT the official Apache Camel Karaf features repository.\n"
                    + "  It sits at the official coordinates " + OFFICIAL_GROUP_ID + ":" + FEATURES_ARTIFACT_ID + ":"
                    + camelKarafVersion + ":xml:features\n"
                    + "  only inside a test-only folder, so that product features files resolve in Karaf tests.\n"
                    + "  Derived from the official camel-karaf " + officialCamelKarafVersion + " features XML: non-Camel\n"
                    + "  features copied unchanged (real third-party bundles); camel-* features " + camelFeatures + "\n"
                    + "  point to stand-in bundles " + STANDIN_GROUP_ID + ":*:" + camelVersion + ", i.e. upstream\n"
                    + "  org.apache.camel " + camelVersion + " jars wrapped with bnd; camel-core-osgi is the official "
                    + officialCamelKarafVersion + " one\n"
                    + "  with its imports patched to " + camelRange() + "; camel-directvm, camel-vm, camel-karaf-shell"
                    + " are empty placeholders.\n  Generated by " + StandInCamelKaraf.class.getName() + ".\n"));
            String officialRange = minorRange(officialCamelKarafVersion);
            String newRange = minorRange(camelKarafVersion);
            NodeList children = official.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (!(children.item(i) instanceof Element e)) {
                    continue;
                }
                if ("repository".equals(e.getLocalName())) {
                    root.appendChild(doc.importNode(e, true));
                } else if ("feature".equals(e.getLocalName())) {
                    String name = e.getAttribute("name");
                    if (!isCamelFeature(name)) {
                        root.appendChild(doc.importNode(e, true));
                    } else if (camelFeatures.contains(name)) {
                        Element f = (Element) doc.importNode(e, true);
                        f.setAttribute("version", camelKarafVersion);
                        f.setAttribute("description", "STAND-IN " + name);
                        for (Element dep : descendants(f, "feature")) {
                            if (isCamelFeature(dep.getTextContent().trim())
                                    && officialRange.equals(dep.getAttribute("version"))) {
                                dep.setAttribute("version", newRange);
                            }
                        }
                        for (Element b : descendants(f, "bundle")) {
                            Matcher m = camelBundle.matcher(b.getTextContent().trim());
                            if (m.matches()) {
                                b.setTextContent("mvn:" + STANDIN_GROUP_ID + "/" + m.group(1) + "/"
                                        + standInVersion(m.group(1)));
                            }
                        }
                        root.appendChild(f);
                    }
                }
            }
            stripWhitespace(root);
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream os = Files.newOutputStream(tmp)) {
                t.transform(new DOMSource(doc), new StreamResult(os));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("writing stand-in features XML failed", e);
        }
    }

    private static void stripWhitespace(Node n) {
        NodeList kids = n.getChildNodes();
        for (int i = kids.getLength() - 1; i >= 0; i--) {
            Node k = kids.item(i);
            if (k.getNodeType() == Node.TEXT_NODE && k.getTextContent().isBlank()) {
                n.removeChild(k);
            } else if (k.getNodeType() == Node.ELEMENT_NODE) {
                stripWhitespace(k);
            }
        }
    }

    private static boolean isCamelFeature(String name) {
        return name.startsWith("camel-");
    }

    private static List<Element> descendants(Element e, String localName) {
        List<Element> r = new ArrayList<>();
        NodeList nl = e.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nl.getLength(); i++) {
            Node n = nl.item(i);
            if (n instanceof Element el) {
                r.add(el);
            }
        }
        return r;
    }

    private static DocumentBuilder newDocumentBuilder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder();
    }

    private static Document parse(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            return newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot parse " + xml, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private String cacheKey(Path officialXml, Set<String> camelFeatures, Map<String, List<Path>> inputs)
            throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder(RECIPE_REVISION).append('|').append(camelVersion).append('|')
                    .append(officialCamelKarafVersion).append('|').append(camelKarafVersion).append('|')
                    .append(camelFeatures).append('|');
            List<Path> files = new ArrayList<>();
            files.add(officialXml);
            inputs.values().forEach(files::addAll);
            for (Path p : files) {
                sb.append(p).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('|');
            }
            // the generator itself (content, so that a mere recompile keeps the cache)
            try (InputStream self = StandInCamelKaraf.class.getResourceAsStream(
                    StandInCamelKaraf.class.getSimpleName() + ".class")) {
                if (self != null) {
                    md.update(self.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path artifact(String g, String a, String v, String classifier, String type) {
        return artifact(localRepository, g, a, v, classifier, type);
    }

    static Path artifact(Path repo, String g, String a, String v, String classifier, String type) {
        return repo.resolve(g.replace('.', '/')).resolve(a).resolve(v)
                .resolve(a + "-" + v + (classifier == null ? "" : "-" + classifier) + "." + type);
    }

    private static void requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Missing " + p + " (run the Maven build once with network so that the"
                    + " karaf-it prefetch downloads it)");
        }
    }
}
