package vn.canhgac.agent.documents;

/**
 * One document the scanner looked at and what it found. {@code sha256} is set for marked
 * documents only (evidence), as lower-case hex.
 *
 * @param hostPath the machine's own path ("/home/a/x.docx"), never the path under a fixture root
 */
public record ScannedDocument(String hostPath, long size, ReadOutcome outcome, String sha256) {

    public boolean isMarked() {
        return outcome instanceof ReadOutcome.Marked;
    }
}
