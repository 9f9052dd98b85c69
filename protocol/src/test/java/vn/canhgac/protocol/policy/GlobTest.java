package vn.canhgac.protocol.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void globStarCrossesDirectoriesAndQuestionMarkIsOneCharacter() {
        Glob glob = Glob.of("/home/*/Downloads/*.exe");
        assertTrue(glob.matches("/home/an/Downloads/sub/AnyDesk.EXE"));
        assertFalse(glob.matches("/home/an/Documents/AnyDesk.exe"));
        assertTrue(Glob.of("AA_v?.exe").matches("aa_v3.exe"));
        assertFalse(Glob.of("AA_v?.exe").matches("AA_v33.exe"));
        assertTrue(Glob.of("Phần mềm (1).exe").matches("PHẦN MỀM (1).EXE"), "regex characters are literal; case folds Vietnamese");
        assertTrue(Glob.of("a*b*c").matches("aXbYbZc"), "a star gives back characters when a later part needs them");
        assertFalse(Glob.of("a*b*c").matches("aXbYc-"));
        assertTrue(Glob.of("*").matches(""));
        assertFalse(Glob.of("?").matches(""));
    }
}
