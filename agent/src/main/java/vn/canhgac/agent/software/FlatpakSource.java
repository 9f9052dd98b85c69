package vn.canhgac.agent.software;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import vn.canhgac.agent.host.HostRoot;

/**
 * Flatpak applications and runtimes, system-wide ({@code /var/lib/flatpak}) and per user
 * ({@code ~/.local/share/flatpak}), read from the deployment directories the way
 * {@code flatpak list} does: {@code KIND/ID/ARCH/BRANCH/active}. Version and developer come
 * from the AppStream metainfo the application ships; the name is the application id
 * ("com.anydesk.Anydesk").
 */
final class FlatpakSource implements PackageSource {

    static final String SYSTEM = "/var/lib/flatpak";
    static final String USER = ".local/share/flatpak";
    static final long MAX_METAINFO_BYTES = 1024 * 1024;

    private final HostRoot host;

    FlatpakSource(HostRoot host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "flatpak";
    }

    @Override
    public SourceInventory read() {
        List<SoftwareItem> items = new ArrayList<>();
        List<ScanProblem> problems = new ArrayList<>();
        List<String[]> installations = new ArrayList<>();
        installations.add(new String[] {"system", SYSTEM});
        try {
            for (String user : HostFiles.list(host, "/home")) {
                installations.add(new String[] {"user:" + user, "/home/" + user + "/" + USER});
            }
        } catch (IOException e) {
            problems.add(new ScanProblem(name(), "/home", "cannot list home directories for per-user Flatpak installs: " + HostFiles.reason(e)));
        }
        installations.add(new String[] {"user:root", "/root/" + USER});
        for (String[] installation : installations) {
            for (String kind : List.of("app", "runtime")) {
                String base = installation[1] + "/" + kind;
                try {
                    deployments(installation[0], kind, base, items, problems);
                } catch (IOException e) {
                    problems.add(new ScanProblem(name(), base, "cannot read Flatpak installation: " + HostFiles.reason(e)));
                }
            }
        }
        return SourceInventory.of(name(), items, problems);
    }

    private void deployments(String installation, String kind, String base, List<SoftwareItem> items, List<ScanProblem> problems)
            throws IOException {
        for (String id : HostFiles.list(host, base)) {
            for (String arch : HostFiles.list(host, base + "/" + id)) {
                for (String branch : HostFiles.list(host, base + "/" + id + "/" + arch)) {
                    String active = base + "/" + id + "/" + arch + "/" + branch + "/active";
                    Optional<Path> deploy = HostFiles.locate(host, active);
                    if (deploy.isEmpty()) {
                        continue;
                    }
                    Metainfo metainfo = metainfo(active, id, problems);
                    Instant deployed = Files.getLastModifiedTime(deploy.get()).toInstant();
                    items.add(new SoftwareItem(name(), installation + "/" + kind + "/" + id + "/" + arch + "/" + branch, id,
                            metainfo.version(), metainfo.developer(), deployed, host.hostPath(deploy.get())));
                }
            }
        }
    }

    private Metainfo metainfo(String active, String id, List<ScanProblem> problems) {
        for (String candidate : List.of("/files/share/metainfo/" + id + ".metainfo.xml", "/files/share/metainfo/" + id + ".appdata.xml",
                "/files/share/appdata/" + id + ".appdata.xml")) {
            String path = active + candidate;
            try {
                Optional<InputStream> in = HostFiles.open(host, path, MAX_METAINFO_BYTES);
                if (in.isPresent()) {
                    try (InputStream stream = in.get()) {
                        return Metainfo.parse(stream);
                    }
                }
            } catch (IOException | SAXException e) {
                problems.add(new ScanProblem(name(), path, "cannot read AppStream metainfo: " + (e instanceof IOException io ? HostFiles.reason(io) : e.getMessage())));
                return Metainfo.UNKNOWN;
            }
        }
        return Metainfo.UNKNOWN;
    }

    /** The two facts the inventory takes from an AppStream file. */
    record Metainfo(String version, String developer) {

        static final Metainfo UNKNOWN = new Metainfo(null, null);

        static Metainfo parse(InputStream in) throws IOException, SAXException {
            Document document = builder().parse(in);
            NodeList releases = document.getElementsByTagName("release");
            String version = releases.getLength() == 0 ? null : ((Element) releases.item(0)).getAttribute("version");
            return new Metainfo(version, firstText(document, "developer_name").or(() -> developerName(document)).orElse(null));
        }

        private static Optional<String> developerName(Document document) {
            NodeList developers = document.getElementsByTagName("developer");
            if (developers.getLength() == 0) {
                return Optional.empty();
            }
            NodeList names = ((Element) developers.item(0)).getElementsByTagName("name");
            return names.getLength() == 0 ? Optional.empty() : Optional.of(names.item(0).getTextContent());
        }

        private static Optional<String> firstText(Document document, String tag) {
            NodeList nodes = document.getElementsByTagName(tag);
            return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent());
        }

        /**
         * No external DTDs or entities and bounded entity expansion: metainfo is written by whoever
         * packaged the application. A DOCTYPE line itself is allowed, since some real files carry one.
         */
        private static DocumentBuilder builder() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
                factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                factory.setXIncludeAware(false);
                factory.setExpandEntityReferences(false);
                DocumentBuilder builder = factory.newDocumentBuilder();
                // The default handler prints to stderr; errors are reported as problems instead.
                builder.setErrorHandler(new DefaultHandler() {
                    @Override
                    public void error(SAXParseException e) throws SAXException {
                        throw e;
                    }
                });
                return builder;
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the JDK's XML parser lacks a required safety feature: " + e.getMessage(), e);
            }
        }
    }
}
