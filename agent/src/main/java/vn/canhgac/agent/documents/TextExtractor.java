package vn.canhgac.agent.documents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Plain text (.txt), line by line. A byte-order mark says UTF-8 or UTF-16; without one, each
 * line that is valid UTF-8 is read so, and any other line is read as each legacy Vietnamese
 * encoding in turn (TCVN3, VNI, Windows-1258), since a text file names no font. Lines longer than
 * a stamp could be are skipped without being kept, so a huge file costs one buffer.
 */
final class TextExtractor implements Extractor {

    static final int MAX_LINE_BYTES = 1024;
    private static final Charset WINDOWS_1258 = Charset.forName("windows-1258");

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        GuardedInputStream.Budget budget = new GuardedInputStream.Budget(limits.maxFileBytes());
        try (InputStream in = new BufferedInputStream(new GuardedInputStream(Files.newInputStream(file), budget, deadline, "text"),
                64 * 1024)) {
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
                in.reset();
                in.skipNBytes(2);
                readUtf16(in, false, sink);
            } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF) {
                in.reset();
                in.skipNBytes(2);
                readUtf16(in, true, sink);
            } else {
                boolean utf8Bom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
                if (!utf8Bom) {
                    in.reset();
                }
                readBytes(in, sink);
            }
        }
    }

    private static void readBytes(InputStream in, UnitSink sink) throws IOException {
        byte[] line = new byte[MAX_LINE_BYTES];
        int length = 0;
        boolean overflow = false;
        int number = 1;
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0 || b == '\n') {
                if (!overflow) {
                    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                    lineUnits(Arrays.copyOf(line, end), number, sink);
                }
                if (b < 0) {
                    return;
                }
                number++;
                length = 0;
                overflow = false;
            } else if (length < MAX_LINE_BYTES) {
                line[length++] = (byte) b;
            } else {
                overflow = true;
            }
        }
    }

    private static void lineUnits(byte[] line, int number, UnitSink sink) {
        if (line.length == 0) {
            return;
        }
        Supplier<String> where = () -> "line " + number;
        String utf8 = strictUtf8(line);
        if (utf8 != null) {
            sink.unit(utf8, where);
            return;
        }
        sink.unit(LegacyEncoding.capitalsIfShouted(LegacyEncoding.TCVN3.decode(line, 0, line.length)), where);
        sink.unit(LegacyEncoding.VNI.decode(line, 0, line.length), where);
        sink.unit(new String(line, WINDOWS_1258), where);
    }

    private static String strictUtf8(byte[] line) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void readUtf16(InputStream in, boolean bigEndian, UnitSink sink) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean overflow = false;
        int number = 1;
        while (true) {
            int first = in.read();
            int second = first < 0 ? -1 : in.read();
            char c = second < 0 ? '\n' : (char) (bigEndian ? (first << 8) | second : (second << 8) | first);
            if (c == '\n') {
                int lineNumber = number;
                if (!overflow) {
                    sink.unit(line.toString(), () -> "line " + lineNumber);
                }
                if (second < 0) {
                    return;
                }
                number++;
                line.setLength(0);
                overflow = false;
            } else if (line.length() < MAX_LINE_BYTES) {
                line.append(c);
            } else {
                overflow = true;
            }
        }
    }
}
