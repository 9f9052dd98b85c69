package vn.canhgac.agent.documents;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Rich Text Format (.rtf, and the RTF Word saves under ".doc"): a small tokenizer for groups,
 * control words, {@code \'xx} bytes and Unicode ("backslash-u N") characters. The font table gives each font's
 * name and character set, so bytes are decoded by their font: TCVN3 and VNI fonts through
 * {@link LegacyEncoding}, others through the font's Windows code page. Headers, footers and
 * text boxes ({@code \shptxt}, {@code \dptxbxtext}) are their own units; destinations that are
 * not text (pictures, objects, field instructions, style sheets, document info) are skipped.
 */
final class RtfExtractor implements Extractor {

    static final int MAX_DEPTH = 1_000;

    private static final Set<String> SKIPPED = Set.of("colortbl", "stylesheet", "info", "pict", "object", "objdata", "fldinst",
            "datastore", "themedata", "colorschememapping", "latentstyles", "listtable", "listoverridetable", "rsidtbl",
            "generator", "xmlnstbl", "pgdsctbl", "filetbl", "revtbl", "sp", "sn", "sv", "nonshppict", "shprslt", "bkmkstart",
            "bkmkend", "annotation", "atnid", "atnauthor", "template", "userprops", "docvar", "xe", "tc", "txe", "listtext",
            "pntext", "pntxta", "pntxtb", "fchars", "lchars", "mmathPr", "wgrffmtfilter", "passwordhash", "background");
    private static final Set<String> HEADERS = Set.of("header", "headerl", "headerr", "headerf");
    private static final Set<String> FOOTERS = Set.of("footer", "footerl", "footerr", "footerf");
    private static final Set<String> TEXT_BOXES = Set.of("shptxt", "dptxbxtext");

    @Override
    public void extract(Path file, ScanLimits limits, Deadline deadline, UnitSink sink) throws IOException {
        GuardedInputStream.Budget budget = new GuardedInputStream.Budget(limits.maxFileBytes());
        try (InputStream in = new BufferedInputStream(new GuardedInputStream(Files.newInputStream(file), budget, deadline, "RTF"),
                64 * 1024)) {
            new Parser(in, sink).parse();
        }
    }

    private enum Destination { TEXT, SKIP, FONT_TABLE }

    /** Where text goes: the body, or a header, footer or text box with its own unit. */
    private static final class Target {
        final UnitText text = new UnitText();
        final String region;

        Target(String region) {
            this.region = region;
        }
    }

    /** The state a group inherits from its parent and restores on close. */
    private static final class State {
        Destination destination = Destination.TEXT;
        Target target;
        int font = -1;
        int unicodeSkip = 1;
        boolean inTable;
        boolean ownsTarget;

        State copy() {
            State copy = new State();
            copy.destination = destination;
            copy.target = target;
            copy.font = font;
            copy.unicodeSkip = unicodeSkip;
            copy.inTable = inTable;
            return copy;
        }
    }

    private record Font(String name, int charset) {}

    private static final class Parser {
        private final InputStream in;
        private final UnitSink sink;
        private final Deque<State> stack = new ArrayDeque<>();
        private final Map<Integer, Font> fonts = new HashMap<>();
        private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
        private final StringBuilder fontName = new StringBuilder();
        private State state = new State();
        private int fontEntry = -1;
        private int fontEntryCharset;
        private int defaultFont = -1;
        private Charset codePage = Charset.forName("windows-1252");
        private int skipFallback;
        private boolean starred;
        private boolean groupStart;
        private int paragraphs;
        private int tables;
        private int row;
        private int column = 1;
        private boolean tableOpen;
        private int textBoxes;
        private int unreadByte = -1;

        Parser(InputStream in, UnitSink sink) {
            this.in = in;
            this.sink = sink;
            state.target = new Target(null);
        }

        void parse() throws IOException {
            int b;
            while ((b = read()) >= 0) {
                switch (b) {
                    case '{' -> openGroup();
                    case '}' -> closeGroup();
                    case '\\' -> controlWord();
                    case '\r', '\n' -> { }
                    case '\t' -> character(' ');
                    default -> literal(b);
                }
            }
            flushBytes();
            endParagraph(false);
        }

        private void openGroup() {
            flushBytes();
            if (stack.size() >= MAX_DEPTH) {
                throw new DocumentException("RTF groups nest deeper than " + MAX_DEPTH + ": not a real document");
            }
            stack.push(state);
            state = state.copy();
            groupStart = true;
            starred = false;
        }

        private void closeGroup() {
            flushBytes();
            if (state.destination == Destination.FONT_TABLE && fontEntry >= 0 && !fontName.isEmpty()) {
                endFontEntry();
            }
            if (state.ownsTarget) {
                state.target.text.flush(sink, () -> state.target.region);
            }
            state = stack.isEmpty() ? state : stack.pop();
            groupStart = false;
        }

        private void controlWord() throws IOException {
            int b = read();
            if (b < 0) {
                return;
            }
            if (!isLetter(b)) {
                controlSymbol(b);
                return;
            }
            StringBuilder word = new StringBuilder(12);
            while (b >= 0 && isLetter(b) && word.length() < 32) {
                word.append((char) b);
                b = read();
            }
            boolean hasParameter = false;
            int parameter = 0;
            boolean negative = false;
            if (b == '-') {
                negative = true;
                b = read();
            }
            int digits = 0;
            while (b >= '0' && b <= '9') {
                if (digits++ < 10) {
                    parameter = parameter * 10 + (b - '0');
                }
                hasParameter = true;
                b = read();
            }
            if (negative) {
                parameter = -parameter;
            }
            if (b != ' ' && b >= 0) {
                unread(b);
            }
            boolean atGroupStart = groupStart;
            groupStart = false;
            command(word.toString(), hasParameter ? parameter : Integer.MIN_VALUE, atGroupStart);
        }

        private void controlSymbol(int symbol) throws IOException {
            groupStart = symbol == '*' && groupStart;
            switch (symbol) {
                case '\'' -> {
                    int high = Character.digit(read(), 16);
                    int low = Character.digit(read(), 16);
                    if (high >= 0 && low >= 0) {
                        literal(high * 16 + low);
                    }
                }
                case '*' -> starred = true;
                case '~' -> character('\u00A0');
                case '_' -> character('-');
                case '\\', '{', '}' -> literal(symbol);
                case '\r', '\n' -> command("par", Integer.MIN_VALUE, false);
                default -> { }
            }
        }

        private void command(String word, int parameter, boolean atGroupStart) throws IOException {
            if (atGroupStart || starred) {
                if (destination(word, starred)) {
                    starred = false;
                    return;
                }
            }
            starred = false;
            switch (word) {
                case "par", "sect" -> endParagraph(false);
                case "line", "page" -> {
                    flushBytes();
                    state.target.text.flush(sink, this::location);
                }
                case "cell", "nestcell" -> endParagraph(true);
                case "row", "nestrow" -> {
                    row++;
                    column = 1;
                }
                case "intbl" -> state.inTable = true;
                case "pard" -> state.inTable = false;
                case "plain" -> setFont(defaultFont);
                case "f" -> {
                    if (state.destination == Destination.FONT_TABLE) {
                        if (fontEntry >= 0 && !fontName.isEmpty()) {
                            endFontEntry();
                        }
                        fontEntry = parameter;
                        fontEntryCharset = 0;
                        fontName.setLength(0);
                    } else {
                        setFont(parameter);
                    }
                }
                case "fcharset" -> fontEntryCharset = parameter;
                case "deff" -> defaultFont = parameter;
                case "ansicpg" -> codePage = codePage(parameter, codePage);
                case "uc" -> state.unicodeSkip = Math.max(0, parameter);
                case "u" -> {
                    if (parameter != Integer.MIN_VALUE) {
                        character((char) (parameter < 0 ? parameter + 65_536 : parameter));
                        skipFallback = state.unicodeSkip;
                    }
                }
                case "tab", "emspace", "enspace", "qmspace" -> character(' ');
                case "emdash" -> character('—');
                case "endash" -> character('–');
                case "lquote" -> character('‘');
                case "rquote" -> character('’');
                case "ldblquote" -> character('“');
                case "rdblquote" -> character('”');
                case "bullet" -> character('•');
                case "bin" -> {
                    flushBytes();
                    if (parameter > 0) {
                        in.skipNBytes(parameter);
                    }
                }
                default -> { }
            }
        }

        /** Handles a destination word at the start of a group; returns whether it was one. */
        private boolean destination(String word, boolean ignorable) {
            if (word.equals("fonttbl")) {
                state.destination = Destination.FONT_TABLE;
                return true;
            }
            if (SKIPPED.contains(word)) {
                state.destination = Destination.SKIP;
                return true;
            }
            String region = HEADERS.contains(word) ? "header" : FOOTERS.contains(word) ? "footer"
                    : TEXT_BOXES.contains(word) ? "text box " + ++textBoxes : null;
            if (region != null) {
                state.target = new Target(region);
                state.ownsTarget = true;
                state.destination = Destination.TEXT;
                return true;
            }
            if (ignorable && !word.equals("shpinst")) {
                // An ignorable destination this reader does not know is, by the RTF rules, skipped.
                state.destination = Destination.SKIP;
                return true;
            }
            return false;
        }

        private void setFont(int font) {
            if (font != state.font) {
                flushBytes();
                state.font = font;
            }
        }

        private void endFontEntry() {
            String name = fontName.toString().strip();
            if (name.endsWith(";")) {
                name = name.substring(0, name.length() - 1).strip();
            }
            fonts.put(fontEntry, new Font(name, fontEntryCharset));
            fontEntry = -1;
            fontName.setLength(0);
        }

        private void literal(int b) {
            if (skipFallback > 0) {
                skipFallback--;
                return;
            }
            switch (state.destination) {
                case SKIP -> { }
                case FONT_TABLE -> {
                    if (fontName.length() < 128) {
                        fontName.append((char) b);
                    }
                    if (b == ';' && fontEntry >= 0) {
                        endFontEntry();
                    }
                }
                case TEXT -> {
                    if (pendingBytes.size() >= UnitText.MAX_CHARS) {
                        flushBytes();
                    }
                    pendingBytes.write(b);
                }
            }
        }

        private void character(char c) {
            skipFallback = 0;
            if (state.destination != Destination.TEXT) {
                return;
            }
            flushBytes();
            LegacyEncoding encoding = encoding();
            if (encoding == LegacyEncoding.UNICODE) {
                state.target.text.append(c);
            } else {
                state.target.text.append(String.valueOf(c), encoding);
            }
        }

        private void flushBytes() {
            if (pendingBytes.size() == 0) {
                return;
            }
            byte[] bytes = pendingBytes.toByteArray();
            pendingBytes.reset();
            if (state.destination != Destination.TEXT) {
                return;
            }
            LegacyEncoding encoding = encoding();
            state.target.text.append(encoding == LegacyEncoding.UNICODE ? new String(bytes, fontCharset())
                    : encoding.decode(bytes, 0, bytes.length));
        }

        private LegacyEncoding encoding() {
            Font font = fonts.get(state.font);
            return font == null ? LegacyEncoding.UNICODE : LegacyEncoding.forFont(font.name());
        }

        private Charset fontCharset() {
            Font font = fonts.get(state.font);
            if (font == null) {
                return codePage;
            }
            return switch (font.charset()) {
                case 163 -> codePage(1258, codePage);
                case 238 -> codePage(1250, codePage);
                case 204 -> codePage(1251, codePage);
                case 161 -> codePage(1253, codePage);
                case 162 -> codePage(1254, codePage);
                case 186 -> codePage(1257, codePage);
                case 222 -> codePage(874, codePage);
                default -> codePage;
            };
        }

        private void endParagraph(boolean cell) {
            flushBytes();
            Target target = state.target;
            if (target.region == null) {
                if (state.inTable && !tableOpen) {
                    tableOpen = true;
                    tables++;
                    row = 1;
                    column = 1;
                } else if (!state.inTable && tableOpen) {
                    tableOpen = false;
                }
            }
            target.text.flush(sink, this::location);
            if (target.region == null && !state.inTable) {
                paragraphs++;
            }
            if (cell) {
                column++;
            }
        }

        private String location() {
            Target target = state.target;
            if (target.region != null) {
                return target.region;
            }
            return state.inTable ? "table " + tables + " cell " + row + "," + column : "paragraph " + (paragraphs + 1);
        }

        private static Charset codePage(int number, Charset fallback) {
            try {
                return number == 65001 ? StandardCharsets.UTF_8 : Charset.forName("windows-" + number);
            } catch (IllegalArgumentException e) {
                return fallback;
            }
        }

        private int read() throws IOException {
            if (unreadByte >= 0) {
                int b = unreadByte;
                unreadByte = -1;
                return b;
            }
            return in.read();
        }

        /** Gives back the byte that ended a control word's parameter; it belongs to what follows. */
        private void unread(int b) {
            unreadByte = b;
        }

        private static boolean isLetter(int b) {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        }
    }
}
