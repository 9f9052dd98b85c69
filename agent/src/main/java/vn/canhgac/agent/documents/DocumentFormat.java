package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The formats the scanner reads, chosen by file name and then confirmed by content: Word writes
 * RTF into ".doc" files and users rename files, so the first bytes decide which reader runs.
 * Extractors are created on first use: PDFBox and POI are loaded only on a machine that has a
 * PDF or a .doc to read.
 */
enum DocumentFormat {
    DOCX(DocxExtractor::new), XLSX(XlsxExtractor::new), ODT(OdtExtractor::new), DOC(DocExtractor::new),
    RTF(RtfExtractor::new), PDF(PdfExtractor::new), TXT(TextExtractor::new);

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final int SNIFF_BYTES = 1024;

    private final Supplier<Extractor> factory;
    private Extractor extractor;

    DocumentFormat(Supplier<Extractor> factory) {
        this.factory = factory;
    }

    synchronized Extractor extractor() {
        if (extractor == null) {
            extractor = factory.get();
        }
        return extractor;
    }

    /** Whether a file name has one of the scanned extensions (.docx .doc .odt .rtf .pdf .xlsx .txt, any case). */
    static boolean isCandidate(String fileName) {
        return byExtension(fileName).isPresent();
    }

    static Optional<DocumentFormat> byExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return switch (fileName.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "docx" -> Optional.of(DOCX);
            case "xlsx" -> Optional.of(XLSX);
            case "odt" -> Optional.of(ODT);
            case "doc" -> Optional.of(DOC);
            case "rtf" -> Optional.of(RTF);
            case "pdf" -> Optional.of(PDF);
            case "txt" -> Optional.of(TXT);
            default -> Optional.empty();
        };
    }

    /**
     * The format the content says, for a file whose name made it a candidate.
     *
     * @throws DocumentException if the content is none of the scanned formats
     */
    static DocumentFormat detect(Path file, String fileName) throws IOException {
        DocumentFormat named = byExtension(fileName).orElse(TXT);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (startsWith(head, ZIP)) {
            return named == DOCX || named == XLSX || named == ODT ? named : DOCX;
        }
        if (startsWith(head, OLE2)) {
            return DOC;
        }
        if (startsWith(head, "{\\rtf".getBytes(StandardCharsets.US_ASCII))) {
            return RTF;
        }
        if (indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0) {
            return PDF;
        }
        if (named == TXT) {
            return TXT;
        }
        throw new DocumentException("content is not " + named.name() + " (nor any other scanned format): "
                + (head.length == 0 ? "the file is empty" : "unrecognised first bytes"));
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (data[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
