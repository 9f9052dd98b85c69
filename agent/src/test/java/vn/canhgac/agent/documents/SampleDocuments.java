package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Writes documents for the scanner's tests and benchmark: every format, with a given text in a
 * given position (paragraph, own line, table cell, text box, header, footer, second page) and a
 * given encoding (NFC, NFD, split into formatting runs, TCVN3 {@code .VnTimeH}, VNI {@code VNI-Times}).
 * Each document also carries ordinary filler so units are counted among others. The output is
 * what Word, Excel, LibreOffice and a PDF printer produce in shape, not byte for byte.
 */
public final class SampleDocuments {

    public enum Position { PARAGRAPH, LINE, TABLE_CELL, TEXT_BOX, HEADER, FOOTER, PAGE_2 }

    public enum Encoding { NFC, NFD, SPLIT_RUNS, TCVN3, VNI }

    /** One piece of text to place. */
    public record Block(Position position, String text, Encoding encoding) {
        public static Block of(Position position, String text) {
            return new Block(position, text, Encoding.NFC);
        }
    }

    public static final String TCVN3_FONT = ".VnTimeH";
    public static final String VNI_FONT = "VNI-Times";

    private static final String FILLER_TITLE = "ỦY BAN NHÂN DÂN TỈNH";
    private static final String FILLER_BODY = "Về việc triển khai kế hoạch bảo đảm an toàn thông tin năm 2026 tại các cơ quan, đơn vị.";

    private SampleDocuments() {}

    /** Positions each format can hold. */
    public static List<Position> positions(String format) {
        return switch (format) {
            case "docx", "odt", "rtf", "doc" -> List.of(Position.values());
            case "xlsx" -> List.of(Position.TABLE_CELL, Position.HEADER, Position.FOOTER, Position.PAGE_2);
            case "pdf" -> List.of(Position.PARAGRAPH, Position.HEADER, Position.FOOTER, Position.PAGE_2);
            case "txt" -> List.of(Position.PARAGRAPH, Position.LINE);
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }

    /** Encodings each format can hold (a text file has no runs; it has bytes). */
    public static List<Encoding> encodings(String format) {
        return format.equals("txt") ? List.of(Encoding.NFC, Encoding.NFD, Encoding.TCVN3, Encoding.VNI) : List.of(Encoding.values());
    }

    public static void write(String format, Path file, List<Block> blocks) {
        try {
            switch (format) {
                case "docx" -> docx(file, blocks);
                case "xlsx" -> xlsx(file, blocks);
                case "odt" -> odt(file, blocks);
                case "rtf" -> rtf(file, blocks);
                case "pdf" -> pdf(file, blocks);
                case "txt" -> txt(file, blocks);
                default -> throw new IllegalArgumentException("cannot write " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- docx ----------------------------------------------------------------------------------

    public static void docx(Path file, List<Block> blocks) throws IOException {
        StringBuilder body = new StringBuilder();
        StringBuilder header = new StringBuilder();
        StringBuilder footer = new StringBuilder();
        body.append(wordParagraph(wordRuns(FILLER_TITLE, Encoding.NFC)));
        int shape = 0;
        for (Block block : blocks) {
            String runs = wordRuns(block.text(), block.encoding());
            switch (block.position()) {
                case PARAGRAPH -> body.append(wordParagraph(runs));
                case LINE -> body.append(wordParagraph(wordRuns("Số: 15/KH-UBND", Encoding.NFC) + "<w:r><w:br/></w:r>" + runs));
                case TABLE_CELL -> body.append("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
                        + "<w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid><w:tr>"
                        + "<w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/></w:tcPr>" + wordParagraph(wordRuns("Độ mật", Encoding.NFC))
                        + "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/></w:tcPr>" + wordParagraph(runs)
                        + "</w:tc></w:tr></w:tbl>");
                case TEXT_BOX -> body.append(wordParagraph(wordTextBox(++shape, runs)));
                case HEADER -> header.append(wordParagraph(runs));
                case FOOTER -> footer.append(wordParagraph(runs));
                case PAGE_2 -> body.append(wordParagraph("<w:r><w:br w:type=\"page\"/></w:r>")).append(wordParagraph(runs));
            }
        }
        body.append(wordParagraph(wordRuns(FILLER_BODY, Encoding.NFC)));
        String namespaces = " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
                + " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
                + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
                + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
                + " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
                + " xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\"";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", XML + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                + "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
                + "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
                + "</Types>");
        parts.put("_rels/.rels", XML + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"word/document.xml\"/></Relationships>");
        parts.put("word/_rels/document.xml.rels", XML + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
                + "</Relationships>");
        parts.put("word/styles.xml", XML + "<w:styles" + namespaces + "><w:docDefaults><w:rPrDefault><w:rPr>"
                + "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/></w:rPr></w:rPrDefault>"
                + "</w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                + "</w:styles>");
        parts.put("word/header1.xml", XML + "<w:hdr" + namespaces + ">" + (header.isEmpty() ? wordParagraph("") : header) + "</w:hdr>");
        parts.put("word/footer1.xml", XML + "<w:ftr" + namespaces + ">" + (footer.isEmpty() ? wordParagraph("") : footer) + "</w:ftr>");
        parts.put("word/document.xml", XML + "<w:document" + namespaces + "><w:body>" + body
                + "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/><w:footerReference w:type=\"default\" r:id=\"rId3\"/>"
                + "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""
                + " w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
        zip(file, parts, null);
    }

    private static String wordParagraph(String runs) {
        return "<w:p w:rsidR=\"00A1B2C3\">" + runs + "</w:p>";
    }

    private static String wordRuns(String text, Encoding encoding) {
        return switch (encoding) {
            case NFC -> wordRun("", text);
            case NFD -> wordRun("", Normalizer.normalize(text, Normalizer.Form.NFD));
            case SPLIT_RUNS -> {
                StringBuilder runs = new StringBuilder();
                String[] styles = {"<w:rPr><w:b/></w:rPr>", "<w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr>"};
                int i = 0;
                for (String piece : pieces(text)) {
                    runs.append(wordRun(styles[i++ % 2], piece));
                }
                yield runs.toString();
            }
            case TCVN3 -> wordRun(wordFont(TCVN3_FONT), LegacyBytes.asWindows1252(LegacyBytes.tcvn3Capitals(text)));
            case VNI -> wordRun(wordFont(VNI_FONT), LegacyBytes.asWindows1252(LegacyBytes.vni(text)));
        };
    }

    private static String wordFont(String font) {
        return "<w:rPr><w:rFonts w:ascii=\"" + font + "\" w:hAnsi=\"" + font + "\"/></w:rPr>";
    }

    private static String wordRun(String properties, String text) {
        return "<w:r>" + properties + "<w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
    }

    private static String wordTextBox(int id, String runs) {
        String content = "<w:txbxContent>" + wordParagraph(runs) + "</w:txbxContent>";
        return "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                + "<wp:anchor distT=\"0\" distB=\"0\" distL=\"114300\" distR=\"114300\" simplePos=\"0\" relativeHeight=\"" + id + "\""
                + " behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
                + "<wp:positionH relativeFrom=\"column\"><wp:posOffset>0</wp:posOffset></wp:positionH>"
                + "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset></wp:positionV>"
                + "<wp:extent cx=\"1828800\" cy=\"457200\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
                + "<wp:docPr id=\"" + id + "\" name=\"Text Box " + id + "\"/><wp:cNvGraphicFramePr/>"
                + "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
                + "<wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"1828800\" cy=\"457200\"/></a:xfrm>"
                + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>" + content + "</wps:txbx><wps:bodyPr/></wps:wsp>"
                + "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
                + "<v:shape id=\"Text Box " + id + "\" type=\"#_x0000_t202\" style=\"width:144pt;height:36pt\"><v:textbox>" + content
                + "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>";
    }

    // ---- xlsx ----------------------------------------------------------------------------------

    public static void xlsx(Path file, List<Block> blocks) throws IOException {
        List<String> shared = new ArrayList<>();
        StringBuilder sheet1 = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>" + shareString(shared, "<t>" + FILLER_TITLE + "</t>")
                + "</v></c></row>");
        StringBuilder sheet2 = new StringBuilder("<row r=\"1\"><c r=\"A1\"><v>2026</v></c></row>");
        StringBuilder header = new StringBuilder();
        StringBuilder footer = new StringBuilder();
        int row = 2;
        for (Block block : blocks) {
            switch (block.position()) {
                case TABLE_CELL -> sheet1.append("<row r=\"").append(++row).append("\"><c r=\"A").append(row)
                        .append("\" t=\"s\"><v>").append(shareString(shared, "<t>Độ mật</t>")).append("</v></c>")
                        .append(cell("B" + row, block, shared)).append("</row>");
                case PAGE_2 -> sheet2.append("<row r=\"3\">").append(cell("C3", block, shared)).append("</row>");
                case HEADER -> header.append("&amp;C").append(headerText(block));
                case FOOTER -> footer.append("&amp;C").append(headerText(block));
                default -> throw new IllegalArgumentException("a spreadsheet has no " + block.position());
            }
        }
        String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        String headerFooter = header.isEmpty() && footer.isEmpty() ? ""
                : "<headerFooter>" + (header.isEmpty() ? "" : "<oddHeader>" + header + "</oddHeader>")
                + (footer.isEmpty() ? "" : "<oddFooter>" + footer + "</oddFooter>") + "</headerFooter>";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", XML + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "</Types>");
        parts.put("_rels/.rels", XML + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
                + " Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/_rels/workbook.xml.rels", XML + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                + "</Relationships>");
        parts.put("xl/workbook.xml", XML + "<workbook xmlns=\"" + main + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Danh sách\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Tổng hợp\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>");
        parts.put("xl/styles.xml", XML + "<styleSheet xmlns=\"" + main + "\"><fonts count=\"3\">"
                + "<font><sz val=\"11\"/><name val=\"Times New Roman\"/></font><font><b/><name val=\"" + TCVN3_FONT + "\"/></font>"
                + "<font><name val=\"" + VNI_FONT + "\"/></font></fonts><cellStyleXfs count=\"1\"><xf fontId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"3\"><xf fontId=\"0\" xfId=\"0\"/><xf fontId=\"1\" xfId=\"0\" applyFont=\"1\"/><xf fontId=\"2\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                + "</styleSheet>");
        parts.put("xl/worksheets/sheet1.xml", XML + "<worksheet xmlns=\"" + main + "\"><sheetData>" + sheet1 + "</sheetData>" + headerFooter + "</worksheet>");
        parts.put("xl/worksheets/sheet2.xml", XML + "<worksheet xmlns=\"" + main + "\"><sheetData>" + sheet2 + "</sheetData></worksheet>");
        StringBuilder strings = new StringBuilder(XML + "<sst xmlns=\"" + main + "\" count=\"" + shared.size() + "\" uniqueCount=\"" + shared.size() + "\">");
        shared.forEach(si -> strings.append("<si>").append(si).append("</si>"));
        parts.put("xl/sharedStrings.xml", strings.append("</sst>").toString());
        zip(file, parts, null);
    }

    private static String cell(String reference, Block block, List<String> shared) {
        return switch (block.encoding()) {
            case NFC -> "<c r=\"" + reference + "\" t=\"s\"><v>" + shareString(shared, "<t>" + escape(block.text()) + "</t>") + "</v></c>";
            case NFD -> "<c r=\"" + reference + "\" t=\"inlineStr\"><is><t>" + escape(Normalizer.normalize(block.text(), Normalizer.Form.NFD))
                    + "</t></is></c>";
            case SPLIT_RUNS -> {
                StringBuilder runs = new StringBuilder();
                for (String piece : pieces(block.text())) {
                    runs.append("<r><rPr><b/><rFont val=\"Times New Roman\"/></rPr><t xml:space=\"preserve\">").append(escape(piece)).append("</t></r>");
                }
                yield "<c r=\"" + reference + "\" t=\"s\"><v>" + shareString(shared, runs.toString()) + "</v></c>";
            }
            case TCVN3 -> "<c r=\"" + reference + "\" s=\"1\" t=\"s\"><v>"
                    + shareString(shared, "<t>" + escape(LegacyBytes.asWindows1252(LegacyBytes.tcvn3Capitals(block.text()))) + "</t>") + "</v></c>";
            case VNI -> "<c r=\"" + reference + "\" s=\"2\" t=\"s\"><v>"
                    + shareString(shared, "<t>" + escape(LegacyBytes.asWindows1252(LegacyBytes.vni(block.text()))) + "</t>") + "</v></c>";
        };
    }

    private static String headerText(Block block) {
        return switch (block.encoding()) {
            case NFC, SPLIT_RUNS -> escape(block.text());
            case NFD -> escape(Normalizer.normalize(block.text(), Normalizer.Form.NFD));
            case TCVN3 -> "&amp;&quot;" + TCVN3_FONT + ",Bold&quot;" + escape(LegacyBytes.asWindows1252(LegacyBytes.tcvn3Capitals(block.text())));
            case VNI -> "&amp;&quot;" + VNI_FONT + ",Regular&quot;" + escape(LegacyBytes.asWindows1252(LegacyBytes.vni(block.text())));
        };
    }

    private static int shareString(List<String> shared, String si) {
        shared.add(si);
        return shared.size() - 1;
    }

    // ---- odt -----------------------------------------------------------------------------------

    public static void odt(Path file, List<Block> blocks) throws IOException {
        StringBuilder body = new StringBuilder(odtParagraph(odtRuns(FILLER_TITLE, Encoding.NFC)));
        StringBuilder header = new StringBuilder();
        StringBuilder footer = new StringBuilder();
        int tables = 0;
        int frames = 0;
        for (Block block : blocks) {
            String runs = odtRuns(block.text(), block.encoding());
            switch (block.position()) {
                case PARAGRAPH -> body.append(odtParagraph(runs));
                case LINE -> body.append(odtParagraph("Số: 15/KH-UBND<text:line-break/>" + runs));
                case TABLE_CELL -> body.append("<table:table table:name=\"Table").append(++tables).append("\">")
                        .append("<table:table-column table:number-columns-repeated=\"2\"/><table:table-row>")
                        .append("<table:table-cell office:value-type=\"string\">").append(odtParagraph("Độ mật")).append("</table:table-cell>")
                        .append("<table:table-cell office:value-type=\"string\">").append(odtParagraph(runs)).append("</table:table-cell>")
                        .append("</table:table-row></table:table>");
                case TEXT_BOX -> body.append(odtParagraph("<draw:frame draw:name=\"Frame" + ++frames + "\" text:anchor-type=\"paragraph\""
                        + " svg:width=\"5cm\" svg:height=\"1cm\"><draw:text-box>" + odtParagraph(runs) + "</draw:text-box></draw:frame>"));
                case HEADER -> header.append(odtParagraph(runs));
                case FOOTER -> footer.append(odtParagraph(runs));
                case PAGE_2 -> body.append("<text:p text:style-name=\"PageBreak\">").append(runs).append("</text:p>");
            }
        }
        body.append(odtParagraph(FILLER_BODY));
        String namespaces = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
                + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""
                + " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.3\"";
        String fonts = "<office:font-face-decls><style:font-face style:name=\"Times New Roman\" svg:font-family=\"&apos;Times New Roman&apos;\"/>"
                + "<style:font-face style:name=\"VnTimeH\" svg:font-family=\"" + TCVN3_FONT + "\"/>"
                + "<style:font-face style:name=\"VNITimes\" svg:font-family=\"" + VNI_FONT + "\"/></office:font-face-decls>";
        String automatic = "<office:automatic-styles>"
                + "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties style:font-name=\"VnTimeH\"/></style:style>"
                + "<style:style style:name=\"T2\" style:family=\"text\"><style:text-properties style:font-name=\"VNITimes\"/></style:style>"
                + "<style:style style:name=\"T3\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>"
                + "<style:style style:name=\"T4\" style:family=\"text\"><style:text-properties fo:color=\"#ff0000\"/></style:style>"
                + "<style:style style:name=\"PageBreak\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>"
                + "</office:automatic-styles>";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("mimetype", "application/vnd.oasis.opendocument.text");
        parts.put("META-INF/manifest.xml", XML + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
                + " manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                + "<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        parts.put("styles.xml", XML + "<office:document-styles" + namespaces + ">" + fonts
                + "<office:styles><style:default-style style:family=\"paragraph\"><style:text-properties style:font-name=\"Times New Roman\"/>"
                + "</style:default-style></office:styles>" + automatic.replace("office:automatic-styles>", "office:automatic-styles>")
                + "<office:master-styles><style:master-page style:name=\"Standard\">"
                + "<style:header>" + (header.isEmpty() ? odtParagraph("") : header) + "</style:header>"
                + "<style:footer>" + (footer.isEmpty() ? odtParagraph("") : footer) + "</style:footer>"
                + "</style:master-page></office:master-styles></office:document-styles>");
        parts.put("content.xml", XML + "<office:document-content" + namespaces + ">" + fonts + automatic
                + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>");
        zip(file, parts, "mimetype");
    }

    private static String odtParagraph(String runs) {
        return "<text:p>" + runs + "</text:p>";
    }

    private static String odtRuns(String text, Encoding encoding) {
        return switch (encoding) {
            case NFC -> escape(text);
            case NFD -> escape(Normalizer.normalize(text, Normalizer.Form.NFD));
            case SPLIT_RUNS -> {
                StringBuilder spans = new StringBuilder();
                int i = 0;
                for (String piece : pieces(text)) {
                    spans.append("<text:span text:style-name=\"T").append(3 + i++ % 2).append("\">").append(escape(piece)).append("</text:span>");
                }
                yield spans.toString();
            }
            case TCVN3 -> "<text:span text:style-name=\"T1\">" + escape(LegacyBytes.asWindows1252(LegacyBytes.tcvn3Capitals(text))) + "</text:span>";
            case VNI -> "<text:span text:style-name=\"T2\">" + escape(LegacyBytes.asWindows1252(LegacyBytes.vni(text))) + "</text:span>";
        };
    }

    // ---- rtf -----------------------------------------------------------------------------------

    public static void rtf(Path file, List<Block> blocks) throws IOException {
        StringBuilder out = new StringBuilder("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}"
                + "{\\f1\\fnil\\fcharset0 " + TCVN3_FONT + ";}{\\f2\\fnil\\fcharset0{\\*\\panose 00000000000000000000}" + VNI_FONT + ";}}"
                + "{\\colortbl;\\red255\\green0\\blue0;}{\\*\\generator Canh Gac tests;}{\\info{\\title M\\u7852?T}}\n");
        StringBuilder body = new StringBuilder("\\pard\\plain\\f0 " + rtfText(FILLER_TITLE) + "\\par\n");
        int shapes = 0;
        for (Block block : blocks) {
            String runs = rtfRuns(block.text(), block.encoding());
            switch (block.position()) {
                case PARAGRAPH -> body.append("\\pard\\plain\\f0 ").append(runs).append("\\par\n");
                case LINE -> body.append("\\pard\\plain\\f0 S\\u7889? 15/KH-UBND\\line ").append(runs).append("\\par\n");
                case TABLE_CELL -> body.append("\\trowd\\cellx4000\\cellx8000\n\\pard\\plain\\intbl\\f0 ").append(rtfText("Độ mật"))
                        .append("\\cell\\pard\\plain\\intbl\\f0 ").append(runs).append("\\cell\\row\n\\pard\\plain\\f0\n");
                case TEXT_BOX -> body.append("\\pard\\plain\\f0 {\\shp{\\*\\shpinst\\shpleft0\\shptop0\\shpright2000\\shpbottom500\\shpz")
                        .append(++shapes).append("{\\sp{\\sn shapeType}{\\sv 202}}{\\shptxt \\pard\\plain\\f0 ").append(runs)
                        .append("\\par}}{\\shprslt {\\*\\do\\dobxcolumn\\dptxbx{\\dptxbxtext\\pard\\plain\\f0 ").append(runs)
                        .append("\\par}}}\\par\n");
                case HEADER -> out.append("{\\header\\pard\\plain\\f0 ").append(runs).append("\\par}\n");
                case FOOTER -> out.append("{\\footer\\pard\\plain\\f0 ").append(runs).append("\\par}\n");
                case PAGE_2 -> body.append("\\pard\\plain\\f0\\page ").append(runs).append("\\par\n");
            }
        }
        body.append("\\pard\\plain\\f0 ").append(rtfText(FILLER_BODY)).append("{\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}\\par\n");
        Files.writeString(file, out.append(body).append('}').toString(), StandardCharsets.US_ASCII);
    }

    private static String rtfRuns(String text, Encoding encoding) {
        return switch (encoding) {
            case NFC -> rtfText(text);
            case NFD -> rtfText(Normalizer.normalize(text, Normalizer.Form.NFD));
            case SPLIT_RUNS -> {
                StringBuilder groups = new StringBuilder();
                int i = 0;
                for (String piece : pieces(text)) {
                    groups.append(i++ % 2 == 0 ? "{\\b " : "{\\b\\cf1 ").append(rtfText(piece)).append('}');
                }
                yield groups.toString();
            }
            case TCVN3 -> "{\\f1 " + rtfBytes(LegacyBytes.tcvn3Capitals(text)) + "}";
            case VNI -> "{\\f2 " + rtfBytes(LegacyBytes.vni(text)) + "}";
        };
    }

    private static String rtfText(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}') {
                out.append('\\').append(c);
            } else if (c < 0x80) {
                out.append(c);
            } else {
                out.append("\\u").append((int) (short) c).append('?');
            }
        }
        return out.toString();
    }

    private static String rtfBytes(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int value = b & 0xFF;
            out.append(value < 0x80 ? String.valueOf((char) value) : String.format(Locale.ROOT, "\\'%02x", value));
        }
        return out.toString();
    }

    // ---- pdf -----------------------------------------------------------------------------------

    public static void pdf(Path file, List<Block> blocks) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDType0Font unicode = loadFont(pdf, null);
            PDType0Font tcvn3 = null;
            PDType0Font vni = null;
            PDPage first = new PDPage();
            PDPage second = null;
            pdf.addPage(first);
            List<Block> page1 = new ArrayList<>();
            List<Block> page2 = new ArrayList<>();
            for (Block block : blocks) {
                (block.position() == Position.PAGE_2 ? page2 : page1).add(block);
                if (block.encoding() == Encoding.TCVN3 && tcvn3 == null) {
                    tcvn3 = loadFont(pdf, TCVN3_FONT);
                }
                if (block.encoding() == Encoding.VNI && vni == null) {
                    vni = loadFont(pdf, VNI_FONT);
                }
            }
            PDType0Font[] fonts = {unicode, tcvn3, vni};
            drawPage(pdf, first, page1, fonts, true);
            if (!page2.isEmpty()) {
                second = new PDPage();
                pdf.addPage(second);
                drawPage(pdf, second, page2, fonts, false);
            }
            pdf.save(file.toFile());
        }
    }

    private static PDType0Font loadFont(PDDocument pdf, String renamed) throws IOException {
        try (InputStream in = SampleDocuments.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            if (in == null) {
                throw new IOException("test resource /fonts/DejaVuSans.ttf is missing");
            }
            // A renamed font is embedded whole: subsetting would rename it again when the file is saved.
            PDType0Font font = PDType0Font.load(pdf, in, renamed == null);
            if (renamed != null) {
                font.getCOSObject().setName(COSName.BASE_FONT, renamed);
            }
            return font;
        }
    }

    private static void drawPage(PDDocument pdf, PDPage page, List<Block> blocks, PDType0Font[] fonts, boolean filler) throws IOException {
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
            float y = 700;
            if (filler) {
                showLine(content, fonts[0], FILLER_TITLE, 72, y);
                y -= 24;
            }
            for (Block block : blocks) {
                float lineY = switch (block.position()) {
                    case HEADER -> 770;
                    case FOOTER -> 40;
                    default -> y -= 24;
                };
                switch (block.encoding()) {
                    case NFC -> showLine(content, fonts[0], block.text(), 200, lineY);
                    case NFD -> showLine(content, fonts[0], Normalizer.normalize(block.text(), Normalizer.Form.NFD), 200, lineY);
                    case SPLIT_RUNS -> {
                        content.beginText();
                        content.setFont(fonts[0], 12);
                        content.newLineAtOffset(200, lineY);
                        for (String piece : pieces(block.text())) {
                            content.showText(piece);
                        }
                        content.endText();
                    }
                    case TCVN3 -> showLine(content, fonts[1], LegacyBytes.asWindows1252(LegacyBytes.tcvn3Capitals(block.text())), 200, lineY);
                    case VNI -> showLine(content, fonts[2], LegacyBytes.asWindows1252(LegacyBytes.vni(block.text())), 200, lineY);
                }
            }
            if (filler) {
                showLine(content, fonts[0], FILLER_BODY.substring(0, 60), 72, y - 24);
            }
        }
    }

    private static void showLine(PDPageContentStream content, PDType0Font font, String text, float x, float y) throws IOException {
        content.beginText();
        content.setFont(font, 12);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }

    // ---- txt -----------------------------------------------------------------------------------

    public static void txt(Path file, List<Block> blocks) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((FILLER_TITLE + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (Block block : blocks) {
                if (block.position() == Position.LINE) {
                    out.write("Số: 15/KH-UBND\r\n".getBytes(StandardCharsets.UTF_8));
                }
                out.write(switch (block.encoding()) {
                    case NFC, SPLIT_RUNS -> block.text().getBytes(StandardCharsets.UTF_8);
                    case NFD -> Normalizer.normalize(block.text(), Normalizer.Form.NFD).getBytes(StandardCharsets.UTF_8);
                    case TCVN3 -> LegacyBytes.tcvn3Capitals(block.text());
                    case VNI -> LegacyBytes.vni(block.text());
                });
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write((FILLER_BODY + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---- shared --------------------------------------------------------------------------------

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    /** The text cut where Word would cut runs: into single characters, each whole (NFC). */
    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int i = 0; i < nfc.length(); ) {
            int next = nfc.offsetByCodePoints(i, 1);
            pieces.add(nfc.substring(i, next));
            i = next;
        }
        return pieces;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes a zip; {@code stored}, if given, is written first and uncompressed (ODF's mimetype). */
    static void zip(Path file, Map<String, String> parts, String stored) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                byte[] data = part.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(part.getKey());
                if (part.getKey().equals(stored)) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCompressedSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(data);
                zip.closeEntry();
            }
        }
    }
}
