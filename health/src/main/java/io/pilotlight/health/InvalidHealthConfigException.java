package io.pilotlight.health;

import java.util.List;

/**
 * The checks or vantage points given to a {@link HealthMonitor} cannot run. Lists every problem,
 * each naming the check or field, the value and what is allowed; fix them and build again.
 */
public final class InvalidHealthConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    InvalidHealthConfigException(List<String> problems) {
        super("the health monitor cannot start (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
