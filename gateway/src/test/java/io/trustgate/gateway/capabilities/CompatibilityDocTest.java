package io.trustgate.gateway.capabilities;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/compatibility.md} (Redis and S3 parts) is exactly what the declarations generate: nobody edits it by
 *  hand, and it cannot go stale unnoticed. */
class CompatibilityDocTest {

    /** Surefire runs with the module directory as working directory; docs/ sits beside it. */
    private static final Path DOC = Path.of(System.getProperty("basedir", ".")).resolve("../docs/compatibility.md")
            .normalize();

    @Test
    void committedCompatibilityDocIsWhatTheDeclarationsGenerate() throws IOException {
        String generated = CompatibilityDoc.markdown();
        assertThat(DOC).as("%s is missing; generate it with: %s", DOC, MatrixWriter.REGENERATE).exists();
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);

        assertThat(committed)
                .withFailMessage("%s differs from the capability declarations (first difference at line %d: "
                        + "committed \"%s\", generated \"%s\"); regenerate it with: %s", DOC,
                        firstDifference(committed, generated) + 1, line(committed, firstDifference(committed,
                                generated)), line(generated, firstDifference(committed, generated)),
                        MatrixWriter.REGENERATE)
                .isEqualTo(generated);
    }

    private static int firstDifference(String a, String b) {
        String[] la = a.split("\n", -1);
        String[] lb = b.split("\n", -1);
        int i = 0;
        while (i < la.length && i < lb.length && la[i].equals(lb[i])) {
            i++;
        }
        return i;
    }

    private static String line(String text, int index) {
        String[] lines = text.split("\n", -1);
        return index < lines.length ? lines[index] : "<end of file>";
    }
}
