package vn.canhgac.agent.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small pull reader for the XML inside office documents: start tags (with attributes read on
 * request), end tags, and text only while the caller asks for it. Names are local names (the
 * prefix is dropped: "w:t" is "t"); producers use different prefixes for the same namespace.
 *
 * <p>Why not StAX: scanning a .docx at disk speed means skipping most bytes (tags, attributes,
 * styles) without building strings for them. Why it is safe on hostile input: no DTD is
 * processed, so no entity expansion (billion laughs) and no external entity (XXE); a start tag
 * is bounded by {@link #MAX_TAG_BYTES}; memory is one 16 KiB buffer plus the text asked for.
 * Input is UTF-8, as Office and LibreOffice write it; malformed bytes become U+FFFD.
 */
final class XmlScanner {

    static final int EOF = -1;
    static final int START = 1;
    static final int END = 2;
    static final int TEXT = 3;
    static final int MAX_TAG_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private byte[] attributes = new byte[512];
    private int attributesLength;
    private final byte[] nameBytes = new byte[256];
    private final NameTable names = new NameTable();
    private String name = "";
    private boolean pendingEnd;
    private boolean captureText;
    private final StringBuilder text = new StringBuilder(256);
    private int pendingCodePoint;
    private int pendingContinuations;

    XmlScanner(InputStream in) {
        this.in = in;
    }

    /** Whether text between tags is decoded and reported as {@link #TEXT} (off by default: skipped). */
    void captureText(boolean capture) {
        captureText = capture;
    }

    /** The local name of the current start or end tag. */
    String name() {
        return name;
    }

    /** Text of the current {@link #TEXT} event; valid until the next call. */
    CharSequence text() {
        return text;
    }

    int next() {
        if (pendingEnd) {
            pendingEnd = false;
            return END;
        }
        while (true) {
            int b = read();
            if (b < 0) {
                return EOF;
            }
            if (b != '<') {
                position--;
                if (captureText) {
                    text.setLength(0);
                    readText();
                    if (!text.isEmpty()) {
                        return TEXT;
                    }
                } else {
                    skipToTag();
                }
                continue;
            }
            int c = read();
            if (c == '/') {
                readName();
                skipPast('>');
                return END;
            }
            if (c == '?') {
                skipPast("?>");
                continue;
            }
            if (c == '!') {
                if (readMarkupDeclaration()) {
                    return TEXT;
                }
                continue;
            }
            if (c < 0) {
                return EOF;
            }
            position--;
            readName();
            readAttributes();
            return START;
        }
    }

    /** Skips to the end tag that closes the start tag just read (nested elements of any name included). */
    void skipElement() {
        if (pendingEnd) {
            pendingEnd = false;
            return;
        }
        boolean capture = captureText;
        captureText = false;
        int depth = 1;
        while (depth > 0) {
            int event = next();
            if (event == EOF) {
                break;
            }
            depth += event == START ? 1 : event == END ? -1 : 0;
        }
        captureText = capture;
    }

    /** The value of the current start tag's attribute with this local name, or null. */
    String attribute(String localName) {
        int i = 0;
        while (i < attributesLength) {
            while (i < attributesLength && isSpace(attributes[i])) {
                i++;
            }
            int nameStart = i;
            while (i < attributesLength && attributes[i] != '=' && !isSpace(attributes[i])) {
                i++;
            }
            int nameEnd = i;
            while (i < attributesLength && attributes[i] != '"' && attributes[i] != '\'') {
                i++;
            }
            if (i >= attributesLength) {
                return null;
            }
            byte quote = attributes[i++];
            int valueStart = i;
            while (i < attributesLength && attributes[i] != quote) {
                i++;
            }
            if (localNameEquals(nameStart, nameEnd, localName)) {
                return unescape(new String(attributes, valueStart, i - valueStart, StandardCharsets.UTF_8));
            }
            i++;
        }
        return null;
    }

    private boolean localNameEquals(int start, int end, String localName) {
        for (int k = end - 1; k >= start; k--) {
            if (attributes[k] == ':') {
                start = k + 1;
                break;
            }
        }
        if (end - start != localName.length()) {
            return false;
        }
        for (int k = 0; k < localName.length(); k++) {
            if (attributes[start + k] != localName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int read() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            while (n == 0) {
                n = in.read(buffer, 0, buffer.length);
            }
            if (n < 0) {
                position = limit = 0;
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipToTag() {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '<') {
                    position = i;
                    return;
                }
            }
            position = limit;
            if (!fill()) {
                return;
            }
        }
    }

    private void readName() {
        int length = 0;
        int localStart = 0;
        while (true) {
            int b = read();
            if (b < 0 || b == '>' || b == '/' || isSpace((byte) b)) {
                if (b >= 0) {
                    position--;
                }
                break;
            }
            if (b == ':') {
                localStart = length + 1;
            }
            if (length < nameBytes.length) {
                nameBytes[length++] = (byte) b;
            }
        }
        name = names.intern(nameBytes, localStart, length - localStart);
    }

    private void readAttributes() {
        attributesLength = 0;
        byte quote = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new DocumentException("XML ends inside a tag (truncated part)");
            }
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = (byte) b;
            } else if (b == '>') {
                pendingEnd = attributesLength > 0 && attributes[attributesLength - 1] == '/';
                if (pendingEnd) {
                    attributesLength--;
                }
                return;
            }
            if (attributesLength == attributes.length) {
                if (attributes.length >= MAX_TAG_BYTES) {
                    throw new DocumentException("an XML tag is longer than " + MAX_TAG_BYTES + " bytes: not a real document");
                }
                attributes = Arrays.copyOf(attributes, attributes.length * 2);
            }
            attributes[attributesLength++] = (byte) b;
        }
    }

    /** After "<!": a comment, a CDATA section (text when capturing) or a DOCTYPE (skipped, never processed). */
    private boolean readMarkupDeclaration() {
        int first = read();
        if (first == '-') {
            read();
            skipPast("-->");
            return false;
        }
        if (first == '[') {
            for (int i = 0; i < "CDATA[".length(); i++) {
                read();
            }
            text.setLength(0);
            int brackets = 0;
            for (int b = read(); b >= 0; b = read()) {
                if (b == '>' && brackets >= 2) {
                    brackets -= 2;
                    break;
                }
                if (b == ']') {
                    brackets++;
                    continue;
                }
                appendCdata(brackets, b);
                brackets = 0;
            }
            appendCdata(brackets, -1);
            return captureText && !text.isEmpty();
        }
        int depth = 0;
        for (int b = first; b >= 0; b = read()) {
            if (b == '[') {
                depth++;
            } else if (b == ']') {
                depth--;
            } else if (b == '>' && depth <= 0) {
                break;
            }
        }
        return false;
    }

    private void appendCdata(int brackets, int b) {
        if (!captureText) {
            return;
        }
        for (int k = 0; k < brackets; k++) {
            appendByte(']');
        }
        if (b >= 0) {
            appendByte(b);
        }
    }

    private void readText() {
        while (true) {
            int b = read();
            if (b < 0) {
                return;
            }
            if (b == '<') {
                position--;
                return;
            }
            if (b == '&') {
                readReference();
            } else {
                appendByte(b);
            }
        }
    }

    private void readReference() {
        StringBuilder reference = new StringBuilder(8);
        while (reference.length() < 12) {
            int b = read();
            if (b < 0 || b == '<') {
                if (b == '<') {
                    position--;
                }
                text.append('&').append(reference);
                return;
            }
            if (b == ';') {
                text.append(resolve(reference.toString()));
                return;
            }
            reference.append((char) b);
        }
        text.append('&').append(reference);
    }

    private static String resolve(String reference) {
        switch (reference) {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
            default: break;
        }
        if (reference.startsWith("#")) {
            try {
                int codePoint = reference.startsWith("#x") || reference.startsWith("#X")
                        ? Integer.parseInt(reference.substring(2), 16) : Integer.parseInt(reference.substring(1));
                if (Character.isValidCodePoint(codePoint)) {
                    return Character.toString(codePoint);
                }
            } catch (NumberFormatException e) {
                // Falls through: an unreadable reference is kept as written.
            }
        }
        return "&" + reference + ";";
    }

    static String unescape(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int semicolon = c == '&' ? value.indexOf(';', i) : -1;
            if (semicolon > i && semicolon - i <= 12) {
                out.append(resolve(value.substring(i + 1, semicolon)));
                i = semicolon + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** UTF-8 decoding one byte at a time, so a character split across buffer refills is whole. */
    private void appendByte(int b) {
        if (pendingContinuations > 0) {
            if ((b & 0xC0) == 0x80) {
                pendingCodePoint = (pendingCodePoint << 6) | (b & 0x3F);
                if (--pendingContinuations == 0) {
                    text.appendCodePoint(Character.isValidCodePoint(pendingCodePoint) ? pendingCodePoint : 0xFFFD);
                }
                return;
            }
            pendingContinuations = 0;
            text.append('\uFFFD');
        }
        if (b < 0x80) {
            text.append((char) b);
        } else if (b >= 0xC2 && b < 0xE0) {
            pendingCodePoint = b & 0x1F;
            pendingContinuations = 1;
        } else if (b >= 0xE0 && b < 0xF0) {
            pendingCodePoint = b & 0x0F;
            pendingContinuations = 2;
        } else if (b >= 0xF0 && b < 0xF5) {
            pendingCodePoint = b & 0x07;
            pendingContinuations = 3;
        } else {
            text.append('\uFFFD');
        }
    }

    private void skipPast(char end) {
        for (int b = read(); b >= 0 && b != end; b = read()) {
            // skipping
        }
    }

    /** Skips past {@code end}; the patterns ("?>", "-->") are short, so a mismatch re-checks the tail it has seen. */
    private void skipPast(String end) {
        StringBuilder tail = new StringBuilder(end.length());
        for (int b = read(); b >= 0; b = read()) {
            tail.append((char) b);
            if (tail.length() > end.length()) {
                tail.deleteCharAt(0);
            }
            if (tail.length() == end.length() && tail.toString().equals(end)) {
                return;
            }
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Interns local names by their bytes, so recurring tags cost no allocation. */
    private static final class NameTable {
        private final byte[][] keys = new byte[1024][];
        private final String[] values = new String[1024];
        private int size;

        String intern(byte[] bytes, int offset, int length) {
            int hash = 1;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + bytes[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (keys.length - 1);
            while (keys[slot] != null) {
                if (Arrays.equals(keys[slot], 0, keys[slot].length, bytes, offset, offset + length)) {
                    return values[slot];
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            String value = new String(bytes, offset, length, StandardCharsets.UTF_8);
            if (size < keys.length / 2) {
                keys[slot] = Arrays.copyOfRange(bytes, offset, offset + length);
                values[slot] = value;
                size++;
            }
            return value;
        }
    }
}
