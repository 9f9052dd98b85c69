package vn.canhgac.server.reports;

import java.io.IOException;
import java.util.function.IntFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * A4 pages filled from the top: a cursor {@code y} that moves down, a new page when the next
 * block does not fit, and page numbers added last, when the number of pages is known.
 *
 * <p>Implementation notes. Each page's content stream is closed before the next page starts,
 * and the document keeps its streams in a temporary file (see {@link PdfReportWriter}), so a
 * thousand pages of rows do not sit in the heap.
 */
final class PdfCanvas {
    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 40;
    static final float WIDTH = SIZE.getWidth() - 2 * MARGIN;
    private static final float TOP = SIZE.getHeight() - MARGIN;
    /** Room kept under the content for the page number. */
    private static final float BOTTOM = MARGIN + 16;

    private final PDDocument document;
    private final PdfFont regular;
    private final PdfFont bold;
    private PDPageContentStream content;
    private float y;
    private PageStart onNewPage = () -> {};

    /** Drawn at the top of a new page. */
    @FunctionalInterface
    interface PageStart {
        void draw() throws IOException;
    }

    PdfCanvas(PDDocument document, PdfFont regular, PdfFont bold) {
        this.document = document;
        this.regular = regular;
        this.bold = bold;
    }

    PdfFont regular() {
        return regular;
    }

    PdfFont bold() {
        return bold;
    }

    float y() {
        return y;
    }

    void down(float points) {
        y -= points;
    }

    /** What to draw at the top of every following page, such as a table's header; replaces the previous one. */
    void onNewPage(PageStart header) {
        this.onNewPage = header;
    }

    void newPage() throws IOException {
        closeContent();
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = TOP;
        onNewPage.draw();
    }

    /** Starts a new page unless {@code height} more points fit above the footer. */
    void ensure(float height) throws IOException {
        if (content == null || y - height < BOTTOM) {
            newPage();
        }
    }

    /** Draws already cleaned text with its baseline at {@code baseline}. */
    void text(PdfFont font, float size, float x, float baseline, String cleaned) throws IOException {
        content.beginText();
        content.setFont(font.font(), size);
        content.newLineAtOffset(x, baseline);
        content.showText(cleaned);
        content.endText();
    }

    void fill(float x, float bottom, float width, float height, float red, float green, float blue) throws IOException {
        content.setNonStrokingColor(red, green, blue);
        content.addRect(x, bottom, width, height);
        content.fill();
        content.setNonStrokingColor(0f, 0f, 0f);
    }

    void line(float x1, float y1, float x2, float y2, float gray) throws IOException {
        content.setStrokingColor(gray, gray, gray);
        content.setLineWidth(0.5f);
        content.moveTo(x1, y1);
        content.lineTo(x2, y2);
        content.stroke();
        content.setStrokingColor(0f, 0f, 0f);
    }

    /** Closes the last page and writes {@code footer(pageNumber)} centred at the bottom of every page. */
    void finish(IntFunction<String> footer) throws IOException {
        onNewPage = () -> {};
        closeContent();
        int number = 0;
        for (PDPage page : document.getPages()) {
            number++;
            try (PDPageContentStream append = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                String text = regular.clean(footer.apply(number));
                append.beginText();
                append.setFont(regular.font(), 8);
                append.newLineAtOffset((SIZE.getWidth() - regular.width(text, 8)) / 2, MARGIN - 8);
                append.showText(text);
                append.endText();
            }
        }
    }

    private void closeContent() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
