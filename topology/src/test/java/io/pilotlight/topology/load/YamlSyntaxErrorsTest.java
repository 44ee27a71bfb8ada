package io.pilotlight.topology.load;

import static io.pilotlight.topology.load.Loading.BASE;
import static io.pilotlight.topology.load.Loading.onlyProblemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files that are not one YAML document: syntax errors, empty files, several documents. */
class YamlSyntaxErrorsTest {

    @Test
    void yamlSyntaxErrorsCarryLineAndColumn() {
        Problem indent = onlyProblemOf("name: x\nobjectives:\n  rto: 30m\n   rpo: 5m\n");
        assertThat(indent).extracting(Problem::line, Problem::column, Problem::path).containsExactly(4, 7, "");
        assertThat(indent.message()).startsWith("YAML syntax: mapping values are not allowed here");

        Problem tab = onlyProblemOf("name: x\nobjectives:\n\trto: 30m\n");
        assertThat(tab).extracting(Problem::line, Problem::column).containsExactly(3, 1);
        assertThat(tab.message()).contains("YAML syntax", "TAB");

        Problem unclosed = onlyProblemOf("name: x\nregions: { a: { role: primary }\ndrills: []\n");
        assertThat(unclosed.line()).isEqualTo(3);
        assertThat(unclosed.message()).startsWith("YAML syntax:");
    }

    @Test
    void aMalformedTagIsASyntaxErrorNotACrash() {
        // found by LoaderFuzzTest: SnakeYAML throws a bare IllegalArgumentException for this tag
        Problem tag = onlyProblemOf("!:::%0");
        assertThat(tag.message()).startsWith("YAML syntax:").contains("Tag");
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsIsOneProblem() {
        for (String empty : List.of("", "\n\n", "# nothing here yet\n")) {
            Problem problem = onlyProblemOf(empty);
            assertThat(problem).extracting(Problem::line, Problem::column, Problem::path).containsExactly(1, 1, "");
            assertThat(problem.message()).contains("the file is empty", "name, objectives and regions");
        }
    }

    @Test
    void aSecondDocumentIsReportedWhereItStarts() {
        Problem second = onlyProblemOf(BASE + "---\nname: two\n");
        assertThat(second).extracting(Problem::line, Problem::column).containsExactly(7, 1);
        assertThat(second.message()).contains("a second YAML document");
    }

    @Test
    void aSecondDocumentDoesNotHideProblemsOfTheFirst() {
        List<Problem> problems = Loading.problemsOf(BASE.replace("rto: 30m", "rto: 30") + "---\nname: two\n");
        assertThat(problems).extracting(Problem::line, Problem::path).containsExactly(tuple(2, "objectives.rto"), tuple(7, ""));
    }

    @Test
    void anUnreadableFileIsOneProblemWithoutPosition() {
        Path missing = Path.of("no-such-dir", "missing.yaml");
        assertThatThrownBy(() -> TopologyLoader.load(missing)).isInstanceOfSatisfying(TopologyException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p).extracting(Problem::line, Problem::column, Problem::path).containsExactly(0, 0, "");
                    assertThat(p.message()).isEqualTo("cannot read the file: no such file");
                    assertThat(p).hasToString(missing + ": cannot read the file: no such file");
                }));
    }
}
