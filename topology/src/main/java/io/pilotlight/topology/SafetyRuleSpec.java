package io.pilotlight.topology;

import io.pilotlight.topology.spec.Bounds;
import io.pilotlight.topology.spec.Default;
import io.pilotlight.topology.spec.Doc;
import java.util.List;

public record SafetyRuleSpec(
        @Doc("Name of the rule, shown when it refuses a change.") String name,
        @Doc("Controls the rule watches, written NAME/SET_IDENTIFIER, e.g. api.shop.example/primary-use1.") List<String> controls,
        @Doc("At least this many of the controls must stay on.") @Default("1") @Bounds(min = "0") int minOn) {

    public SafetyRuleSpec {
        controls = controls == null ? List.of() : controls;
    }
}
