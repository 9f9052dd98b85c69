package vn.canhgac.agent.software;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a registry export as written by {@code regedit} or {@code reg export}: UTF-16LE with a
 * byte-order mark ("Windows Registry Editor Version 5.00") or 8-bit ("REGEDIT4"). Keeps string
 * values (REG_SZ, and REG_EXPAND_SZ written as {@code hex(2):}) and DWORDs; other types are
 * passed over. Keys are handed to a consumer one at a time so a large export is never held whole.
 * A line that cannot be understood is a problem naming its line; the rest of the file still counts.
 */
final class RegFile {

    /** A logical line (hex values continue over many physical lines) longer than this is not a registry value we use. */
    static final int MAX_LOGICAL_LINE_CHARS = 1024 * 1024;
    private static final String HEADER_5 = "Windows Registry Editor Version 5.00";
    private static final String HEADER_4 = "REGEDIT4";

    /** One key and the values the reader keeps. Value names are as written; look-ups ignore case, as Windows does. */
    record Key(String path, Map<String, String> strings, Map<String, Long> dwords) {

        String string(String name) {
            return strings.get(name.toLowerCase(Locale.ROOT));
        }

        Long dword(String name) {
            return dwords.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RegFile() {}

    /**
     * Parses an export, giving each key to {@code keys}.
     *
     * @return problems, each naming its line; a missing header is one problem and ends the read
     */
    static List<String> parse(InputStream raw, Consumer<Key> keys) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        LineReader lines = new LineReader(new InputStreamReader(in, charset(in)), MAX_LOGICAL_LINE_CHARS);
        List<String> problems = new ArrayList<>();
        String header = lines.readLine();
        if (header == null || !(header.strip().equals(HEADER_5) || header.strip().equals(HEADER_4))) {
            problems.add("not a registry export: the first line is not \"" + HEADER_5 + "\" or \"" + HEADER_4 + "\"");
            return problems;
        }
        String path = null;
        Map<String, String> strings = new HashMap<>();
        Map<String, Long> dwords = new HashMap<>();
        String line;
        while ((line = lines.readLine()) != null) {
            int number = lines.lineNumber();
            StringBuilder logical = new StringBuilder(line.strip());
            while (logical.length() > 0 && logical.charAt(logical.length() - 1) == '\\' && (line = lines.readLine()) != null) {
                logical.setLength(logical.length() - 1);
                logical.append(line.strip());
                if (logical.length() > MAX_LOGICAL_LINE_CHARS) {
                    throw new LineReader.LineTooLongException(number, MAX_LOGICAL_LINE_CHARS);
                }
            }
            String text = logical.toString();
            if (text.isEmpty() || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                if (path != null) {
                    keys.accept(new Key(path, strings, dwords));
                }
                if (!text.endsWith("]")) {
                    problems.add("line " + number + ": a key line must end with \"]\"");
                    path = null;
                    continue;
                }
                // "[-KEY]" deletes a key in an import file; an export never has one, and it holds no values.
                path = text.startsWith("[-") ? null : text.substring(1, text.length() - 1);
                strings = new HashMap<>();
                dwords = new HashMap<>();
                continue;
            }
            if (path == null) {
                problems.add("line " + number + ": a value before any [key] line");
                continue;
            }
            try {
                value(text, strings, dwords);
            } catch (IllegalArgumentException e) {
                problems.add("line " + number + ": " + e.getMessage());
            }
        }
        if (path != null) {
            keys.accept(new Key(path, strings, dwords));
        }
        return problems;
    }

    private static Charset charset(BufferedInputStream in) throws IOException {
        in.mark(3);
        byte[] start = in.readNBytes(3);
        if (start.length >= 2 && (start[0] & 0xff) == 0xff && (start[1] & 0xff) == 0xfe) {
            in.reset();
            in.skipNBytes(2);
            return StandardCharsets.UTF_16LE;
        }
        if (start.length == 3 && (start[0] & 0xff) == 0xef && (start[1] & 0xff) == 0xbb && (start[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        in.reset();
        return StandardCharsets.UTF_8;
    }

    /** {@code "Name"="text"}, {@code @=...}, {@code "Name"=dword:0000000a}, {@code "Name"=hex(2):41,00,...}. */
    private static void value(String text, Map<String, String> strings, Map<String, Long> dwords) {
        int at;
        String name;
        if (text.startsWith("@=")) {
            name = "";
            at = 2;
        } else if (text.startsWith("\"")) {
            int[] end = new int[1];
            name = quoted(text, 0, end);
            if (end[0] >= text.length() || text.charAt(end[0]) != '=') {
                throw new IllegalArgumentException("expected \"=\" after the value name");
            }
            at = end[0] + 1;
        } else {
            throw new IllegalArgumentException("a value line must start with a quoted name or @");
        }
        String key = name.toLowerCase(Locale.ROOT);
        String data = text.substring(at);
        if (data.startsWith("\"")) {
            int[] end = new int[1];
            strings.put(key, quoted(data, 0, end));
        } else if (data.regionMatches(true, 0, "dword:", 0, 6)) {
            try {
                dwords.put(key, Long.parseLong(data.substring(6).strip(), 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dword value is not 8 hex digits");
            }
        } else if (data.regionMatches(true, 0, "hex(2):", 0, 7)) {
            strings.put(key, utf16(data.substring(7)));
        }
    }

    /** The string in quotes starting at {@code start}, with \\ and \" unescaped; {@code end[0]} is set past the closing quote. */
    private static String quoted(String text, int start, int[] end) {
        StringBuilder out = new StringBuilder();
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                out.append(text.charAt(++i));
            } else if (c == '"') {
                end[0] = i + 1;
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("a quoted string is not closed");
    }

    /** REG_EXPAND_SZ as exported: comma-separated hex bytes of UTF-16LE text with a terminating NUL. */
    private static String utf16(String hex) {
        String digits = hex.replace(",", "").strip();
        if (digits.isEmpty()) {
            return "";
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hex(2) value is not comma-separated hex bytes");
        }
        String value = new String(bytes, StandardCharsets.UTF_16LE);
        int end = value.indexOf('\0');
        return end < 0 ? value : value.substring(0, end);
    }
}
