package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Excel 2007+ (.xlsx): every text cell of every sheet, and each sheet's header and footer. A
 * cell's text is decoded by the cell's font (Vietnamese spreadsheets set {@code .VnTimeH} on
 * cells, not in the text), so a shared string is judged once under each encoding and only the
 * judgements that found a stamp are kept; the shared-string table itself is never held in memory.
 */
final class XlsxExtractor implements Extractor {

    private static final LegacyEncoding[] ENCODINGS = LegacyEncoding.values();

    /** A sheet by its position (its name may itself be sensitive, and locations leave the machine). */
    private record Sheet(int number, String part) {}

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        try (ZipDocument zip = ZipDocument.open(file, limits, deadline)) {
            String workbook = OfficeParts.mainPart(zip, "xl/workbook.xml");
            if (!zip.has(workbook)) {
                throw new DocumentException("no workbook part: not an Excel workbook");
            }
            String folder = OfficeParts.folderOf(workbook);
            List<String> cellFonts = cellFonts(zip, folder + "styles.xml");
            Map<Integer, MarkDetector.Stamp[]> marked = markedSharedStrings(zip, folder + "sharedStrings.xml");
            for (Sheet sheet : sheets(zip, workbook, folder)) {
                try (InputStream in = zip.open(sheet.part())) {
                    if (in != null) {
                        readSheet(new XmlScanner(in), sheet.number(), cellFonts, marked, sink);
                    }
                }
            }
        }
    }

    /** Sheet names in workbook order, with their parts resolved through the workbook's relationships. */
    private static List<Sheet> sheets(ZipDocument zip, String workbook, String folder) throws IOException {
        Map<String, String> targets = new HashMap<>();
        try (InputStream in = zip.open(folder + "_rels/" + workbook.substring(folder.length()) + ".rels")) {
            if (in != null) {
                XmlScanner xml = new XmlScanner(in);
                for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                    if (event == XmlScanner.START && xml.name().equals("Relationship")) {
                        String target = xml.attribute("Target");
                        if (target != null) {
                            targets.put(xml.attribute("Id"), target.startsWith("/") ? target.substring(1) : folder + target);
                        }
                    }
                }
            }
        }
        List<Sheet> sheets = new ArrayList<>();
        try (InputStream in = zip.open(workbook)) {
            XmlScanner xml = new XmlScanner(in);
            for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                if (event == XmlScanner.START && xml.name().equals("sheet")) {
                    String part = targets.get(xml.attribute("id"));
                    if (part != null) {
                        sheets.add(new Sheet(sheets.size() + 1, part));
                    }
                }
            }
        }
        return sheets;
    }

    /** The font name of each cell format ({@code cellXfs}), by index. */
    private static List<String> cellFonts(ZipDocument zip, String part) throws IOException {
        List<String> fonts = new ArrayList<>();
        List<String> cellFonts = new ArrayList<>();
        try (InputStream in = zip.open(part)) {
            if (in == null) {
                return cellFonts;
            }
            XmlScanner xml = new XmlScanner(in);
            String section = "";
            for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                if (event == XmlScanner.START) {
                    switch (xml.name()) {
                        case "fonts", "cellXfs", "cellStyleXfs", "dxfs" -> section = xml.name();
                        case "font" -> {
                            if (section.equals("fonts")) {
                                fonts.add(null);
                            }
                        }
                        case "name" -> {
                            if (section.equals("fonts") && !fonts.isEmpty()) {
                                fonts.set(fonts.size() - 1, xml.attribute("val"));
                            }
                        }
                        case "xf" -> {
                            if (section.equals("cellXfs")) {
                                cellFonts.add(fontAt(fonts, xml.attribute("fontId")));
                            }
                        }
                        default -> { }
                    }
                } else if (event == XmlScanner.END && xml.name().equals(section)) {
                    section = "";
                }
            }
        }
        return cellFonts;
    }

    private static String fontAt(List<String> fonts, String index) {
        int i = parseIndex(index);
        return i >= 0 && i < fonts.size() ? fonts.get(i) : null;
    }

    /**
     * Shared strings that are a stamp under some encoding: index → stamp per {@link LegacyEncoding}
     * (the encoding of the cell that uses it). Runs with their own font keep it whatever the cell's.
     */
    private static Map<Integer, MarkDetector.Stamp[]> markedSharedStrings(ZipDocument zip, String part) throws IOException {
        Map<Integer, MarkDetector.Stamp[]> marked = new HashMap<>();
        try (InputStream in = zip.open(part)) {
            if (in == null) {
                return marked;
            }
            XmlScanner xml = new XmlScanner(in);
            RichText text = new RichText();
            int index = -1;
            for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
                if (event == XmlScanner.START) {
                    switch (xml.name()) {
                        case "si" -> {
                            index++;
                            text.clear();
                        }
                        case "rPh" -> xml.skipElement();
                        default -> text.start(xml);
                    }
                } else if (event == XmlScanner.END) {
                    if (xml.name().equals("si")) {
                        MarkDetector.Stamp[] stamps = text.judge();
                        if (stamps != null) {
                            marked.put(index, stamps);
                        }
                    } else {
                        text.end(xml);
                    }
                } else if (event == XmlScanner.TEXT) {
                    text.text(xml);
                }
            }
        }
        return marked;
    }

    private static void readSheet(XmlScanner xml, int sheet, List<String> cellFonts, Map<Integer, MarkDetector.Stamp[]> marked,
                                  UnitSink sink) {
        String reference = null;
        String type = null;
        LegacyEncoding cellEncoding = LegacyEncoding.UNICODE;
        RichText text = new RichText();
        StringBuilder value = new StringBuilder();
        boolean inValue = false;
        for (int event = xml.next(); event != XmlScanner.EOF; event = xml.next()) {
            if (event == XmlScanner.START) {
                switch (xml.name()) {
                    case "c" -> {
                        reference = xml.attribute("r");
                        type = xml.attribute("t");
                        int style = parseIndex(xml.attribute("s"));
                        cellEncoding = LegacyEncoding.forFont(style >= 0 && style < cellFonts.size() ? cellFonts.get(style)
                                : cellFonts.isEmpty() ? null : cellFonts.getFirst());
                        text.clear();
                        value.setLength(0);
                    }
                    case "v" -> {
                        inValue = "s".equals(type) || "str".equals(type);
                        xml.captureText(inValue);
                    }
                    case "oddHeader", "evenHeader", "firstHeader", "oddFooter", "evenFooter", "firstFooter" -> {
                        String where = "sheet " + sheet + (xml.name().endsWith("Header") ? " header" : " footer");
                        xml.captureText(true);
                        StringBuilder codes = new StringBuilder();
                        for (int inner = xml.next(); inner == XmlScanner.TEXT; inner = xml.next()) {
                            codes.append(xml.text());
                        }
                        xml.captureText(false);
                        HeaderFooterCodes.units(codes, sink, () -> where);
                    }
                    default -> text.start(xml);
                }
            } else if (event == XmlScanner.TEXT) {
                if (inValue) {
                    value.append(xml.text());
                } else {
                    text.text(xml);
                }
            } else if (event == XmlScanner.END) {
                switch (xml.name()) {
                    case "v" -> {
                        inValue = false;
                        xml.captureText(false);
                    }
                    case "c" -> {
                        String cell = reference;
                        Supplier<String> where = () -> "sheet " + sheet + " cell " + cell;
                        if ("s".equals(type)) {
                            MarkDetector.Stamp[] stamps = marked.get(parseIndex(value.toString().strip()));
                            MarkDetector.Stamp stamp = stamps == null ? null : stamps[cellEncoding.ordinal()];
                            if (stamp != null) {
                                sink.unit(stamp == MarkDetector.Stamp.GIAI_MAT ? "GIẢI MẬT" : stamp.level().stamp(), where);
                            }
                        } else if ("str".equals(type)) {
                            sink.unit(cellEncoding.decode(value), where);
                        } else if ("inlineStr".equals(type)) {
                            sink.unit(text.decode(cellEncoding), where);
                        }
                    }
                    default -> text.end(xml);
                }
            }
        }
    }

    private static int parseIndex(String text) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(text);
    }

    /**
     * The runs of a shared or inline string ({@code <t>} directly, or {@code <r><rPr><rFont/></rPr><t/></r>}),
     * kept with their own font, if any, so they can be decoded under the cell's encoding later.
     */
    private static final class RichText {
        private final List<String> runs = new ArrayList<>();
        private final List<String> fonts = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private String runFont;
        private boolean inText;
        private int length;

        void clear() {
            runs.clear();
            fonts.clear();
            runFont = null;
            length = 0;
        }

        void start(XmlScanner xml) {
            switch (xml.name()) {
                case "r" -> runFont = null;
                case "rFont" -> runFont = xml.attribute("val");
                case "t" -> {
                    inText = true;
                    current.setLength(0);
                    xml.captureText(true);
                }
                default -> { }
            }
        }

        void text(XmlScanner xml) {
            if (inText && length <= UnitText.MAX_CHARS) {
                current.append(xml.text());
                length += xml.text().length();
            }
        }

        void end(XmlScanner xml) {
            if (xml.name().equals("t") && inText) {
                inText = false;
                xml.captureText(false);
                runs.add(current.toString());
                fonts.add(runFont);
            }
        }

        String decode(LegacyEncoding cellEncoding) {
            if (length > UnitText.MAX_CHARS) {
                return "";
            }
            UnitText unit = new UnitText();
            for (int i = 0; i < runs.size(); i++) {
                unit.append(runs.get(i), fonts.get(i) != null ? LegacyEncoding.forFont(fonts.get(i)) : cellEncoding);
            }
            String[] result = {""};
            unit.flush((text, where) -> result[0] = text, () -> "");
            return result[0];
        }

        /** The stamp under each cell encoding, or null if it is a stamp under none. */
        MarkDetector.Stamp[] judge() {
            if (length > UnitText.MAX_CHARS || length < 3) {
                return null;
            }
            MarkDetector.Stamp[] stamps = null;
            for (LegacyEncoding encoding : ENCODINGS) {
                MarkDetector.Stamp stamp = MarkDetector.detect(decode(encoding));
                if (stamp != null) {
                    if (stamps == null) {
                        stamps = new MarkDetector.Stamp[ENCODINGS.length];
                    }
                    stamps[encoding.ordinal()] = stamp;
                }
            }
            return stamps;
        }
    }
}
