package vn.canhgac.agent.documents;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where the next paragraph of a word-processing document stands, in an inspector's words: its
 * header or footer, else its text box, else its table cell, else its number among the body's
 * paragraphs. Shared by the .docx and .odt readers, which see the same structure in different XML.
 */
final class Positions {

    /** A table being read: its number, the current row and column, and columns the last cell spanned beyond itself. */
    private static final class Table {
        final int number;
        int row;
        int column;
        int repeated;

        Table(int number) {
            this.number = number;
        }
    }

    private final Deque<Table> tables = new ArrayDeque<>();
    private String region;
    private int tableCount;
    private int textBoxCount;
    private int textBoxDepth;
    private int currentTextBox;
    private int bodyParagraphs;

    /** "header" or "footer" while reading one, null for the body. */
    void region(String region) {
        this.region = region;
    }

    void startTable() {
        tables.push(new Table(++tableCount));
    }

    void endTable() {
        tables.poll();
    }

    void startRow() {
        Table table = tables.peek();
        if (table != null) {
            table.row++;
            table.column = 0;
            table.repeated = 0;
        }
    }

    /** @param repeatedBeyond columns this cell stands for beyond itself (ODF's number-columns-repeated minus one) */
    void startCell(int repeatedBeyond) {
        Table table = tables.peek();
        if (table != null) {
            table.column += 1 + table.repeated;
            table.repeated = repeatedBeyond;
        }
    }

    void startTextBox() {
        textBoxDepth++;
        currentTextBox = ++textBoxCount;
    }

    void endTextBox() {
        textBoxDepth = Math.max(0, textBoxDepth - 1);
    }

    /** The location of a paragraph starting now (counts it, if it is a body paragraph). */
    String nextParagraph() {
        if (region != null) {
            return region;
        }
        if (textBoxDepth > 0) {
            return "text box " + currentTextBox;
        }
        Table table = tables.peek();
        if (table != null) {
            return "table " + table.number + " cell " + table.row + "," + table.column;
        }
        return "paragraph " + ++bodyParagraphs;
    }
}
