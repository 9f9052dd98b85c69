package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;

/** Reading helpers shared by the zip-based formats. */
final class OfficeParts {

    private OfficeParts() {}

    /**
     * The main part named by the package relationships ({@code _rels/.rels}, type ".../officeDocument"),
     * or {@code fallback} when the relationships do not name one.
     */
    static String mainPart(ZipDocument zip, String fallback) throws IOException {
        try (InputStream in = zip.open("_rels/.rels")) {
            if (in != null) {
                XmlScanner xml = new XmlScanner(in);
                for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                    if (event == XmlScanner.START && xml.name().equals("Relationship")) {
                        String type = xml.attribute("Type");
                        String target = xml.attribute("Target");
                        if (type != null && target != null && type.endsWith("/officeDocument")) {
                            return target.startsWith("/") ? target.substring(1) : target;
                        }
                    }
                }
            }
        }
        return fallback;
    }

    /** The folder of a part name, with its trailing slash: "word/document.xml" gives "word/". */
    static String folderOf(String part) {
        return part.substring(0, part.lastIndexOf('/') + 1);
    }
}
