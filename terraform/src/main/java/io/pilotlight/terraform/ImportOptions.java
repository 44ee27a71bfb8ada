package io.pilotlight.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the user gives besides the Terraform: variable values ({@code -var}, {@code -var-file}, applied in that
 * order of precedence: -var wins), and the facts Terraform does not hold (objectives, the name, the pattern).
 *
 * @param rto     the RTO objective, or {@code null}: a placeholder is written and said to be one
 * @param pattern the pattern the design claims (wire name, e.g. pilot-light), or {@code null} to infer
 */
public record ImportOptions(Map<String, String> vars, List<Path> varFiles, String name, Duration rto, Duration rpo, String pattern) {
    public ImportOptions {
        vars = vars == null ? Map.of() : Map.copyOf(vars);
        varFiles = varFiles == null ? List.of() : List.copyOf(varFiles);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Map.of(), List.of(), null, null, null, null);
    }
}
