package vn.canhgac.agent.documents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.canhgac.agent.documents.SampleDocuments.Block;
import vn.canhgac.agent.documents.SampleDocuments.Encoding;
import vn.canhgac.agent.documents.SampleDocuments.Position;

/**
 * The acceptance corpus of issue 5: in each format, a document for every position and encoding
 * the format can hold, each with one stamp (levels taken in turn) among decoys; documents of
 * decoys only; and declassified documents. Each entry knows what the scanner must report.
 */
public final class MarkCorpus {

    /** Running text that contains the level words but is not a stamp. */
    public static final List<String> DECOYS = List.of("BẢO VỆ BÍ MẬT NHÀ NƯỚC", "MẬT ĐỘ DÂN SỐ", "mật khẩu",
            "Tài liệu có độ Mật, Tối mật, Tuyệt mật phải được bảo vệ.", "Mật", "độ Mật", "TÀI LIỆU MẬT SỐ 12");

    /** A written document and what the scanner must find in it: a level (null for none) and the declassification. */
    public record Entry(Path file, Level expected, boolean declassified, String description) {}

    private MarkCorpus() {}

    public static List<Entry> write(Path directory, String format) {
        List<Entry> entries = new ArrayList<>();
        Level[] levels = Level.values();
        int n = 0;
        for (Position position : SampleDocuments.positions(format)) {
            for (Encoding encoding : SampleDocuments.encodings(format)) {
                Level level = levels[n % levels.length];
                List<Block> blocks = new ArrayList<>();
                blocks.add(new Block(position, level.stamp(), encoding));
                blocks.addAll(decoys(format, encoding, n));
                String name = "marked-" + position + "-" + encoding + "." + format;
                Path file = directory.resolve(name.toLowerCase(Locale.ROOT));
                SampleDocuments.write(format, file, blocks);
                entries.add(new Entry(file, level, false, format + " " + level + " in " + position + " as " + encoding));
                n++;
            }
            List<Block> decoyBlocks = new ArrayList<>();
            int k = 0;
            for (String decoy : DECOYS) {
                Encoding encoding = SampleDocuments.encodings(format).get(k++ % SampleDocuments.encodings(format).size());
                decoyBlocks.add(new Block(position, decoy, encoding));
            }
            Path file = directory.resolve(("decoys-" + position + "." + format).toLowerCase(Locale.ROOT));
            SampleDocuments.write(format, file, decoyBlocks);
            entries.add(new Entry(file, null, false, format + " decoys in " + position));
        }
        Position first = SampleDocuments.positions(format).getFirst();
        Path file = directory.resolve("declassified." + format);
        SampleDocuments.write(format, file, List.of(new Block(first, "TỐI MẬT", Encoding.NFC), new Block(first, "“GIẢI MẬT”", Encoding.NFC)));
        entries.add(new Entry(file, Level.TOI_MAT, true, format + " TOI_MAT declassified"));
        return entries;
    }

    /** Decoys in a position every format has, in the document's encoding, rotating so each decoy meets each encoding. */
    private static List<Block> decoys(String format, Encoding encoding, int n) {
        Position position = SampleDocuments.positions(format).getFirst();
        return List.of(new Block(position, DECOYS.get(n % DECOYS.size()), encoding),
                new Block(position, DECOYS.get((n + 3) % DECOYS.size()), Encoding.NFC));
    }
}
