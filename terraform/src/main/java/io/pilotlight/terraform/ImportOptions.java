package io.pilotlight.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the user gives besides the Terraform: variable values ({@code -var} and {@code -var-file}, in the order given on
 * the command line: a later one wins, as in Terraform), the environment ({@code TF_VAR_name} values), and the facts
 * Terraform does not hold (objectives, the name, the pattern).
 *
 * @param inputs      each {@code -var} and {@code -var-file}, in command-line order
 * @param environment the process environment, of which only {@code TF_VAR_*} entries are read; given, never read from
 *                    the JVM here (the CLI passes {@code System.getenv()}, tests their own map)
 * @param rto         the RTO objective, or {@code null}: a placeholder is written and said to be one
 * @param pattern     the pattern the design claims (wire name, e.g. pilot-light), or {@code null} to infer
 */
public record ImportOptions(List<VariableInput> inputs, Map<String, String> environment, String name, Duration rto, Duration rpo,
                            String pattern) {
    /** One {@code -var NAME=VALUE} or {@code -var-file FILE} of the command line. */
    public sealed interface VariableInput {
        record Var(String name, String value) implements VariableInput {
        }

        record VarFile(Path file) implements VariableInput {
        }
    }

    public ImportOptions {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /**
     * Every -var-file (in order) before every -var (in order), as if the command line gave them so; no environment.
     */
    public ImportOptions(Map<String, String> vars, List<Path> varFiles, String name, Duration rto, Duration rpo, String pattern) {
        this(fileThenVars(vars, varFiles), Map.of(), name, rto, rpo, pattern);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(List.of(), Map.of(), null, null, null, null);
    }

    public ImportOptions withEnvironment(Map<String, String> environment) {
        return new ImportOptions(inputs, environment, name, rto, rpo, pattern);
    }

    private static List<VariableInput> fileThenVars(Map<String, String> vars, List<Path> varFiles) {
        List<VariableInput> out = new ArrayList<>();
        if (varFiles != null) {
            varFiles.forEach(f -> out.add(new VariableInput.VarFile(f)));
        }
        if (vars != null) {
            vars.forEach((k, v) -> out.add(new VariableInput.Var(k, v)));
        }
        return out;
    }
}
