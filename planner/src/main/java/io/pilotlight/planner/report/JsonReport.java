package io.pilotlight.planner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.planner.PatternFit;
import io.pilotlight.planner.Plan;
import io.pilotlight.planner.RtoTerm;
import io.pilotlight.planner.StoreRpo;
import io.pilotlight.planner.findings.Finding;
import io.pilotlight.topology.Durations;
import io.pilotlight.topology.spec.WireNames;
import java.time.Duration;

/** The plan for scripts: every figure in seconds, every finding with its path. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Plan plan) {
        try {
            return JSON.writeValueAsString(tree(plan)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode tree(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", plan.name());
        root.put("file", plan.source());
        root.put("driver", WireNames.of(plan.objectives().driver()));
        root.put("recommended_pattern", plan.advice().recommended());
        root.put("recommendation_reason", plan.advice().driverAdvice().multiRegionNeeded()
                ? plan.advice().reason() : plan.advice().driverAdvice().reason());
        root.put("cheapest_multi_region_pattern", plan.advice().cheapestFit().name());
        if (plan.pattern() != null) {
            root.put("topology_pattern", plan.pattern().name());
            root.put("topology_pattern_declared", plan.pattern().declared());
        }
        ArrayNode patterns = root.putArray("patterns");
        for (PatternFit fit : plan.advice().patterns()) {
            ObjectNode node = patterns.addObject();
            node.put("name", fit.profile().name());
            node.put("fits", fit.fits());
            node.put("reason", fit.reason());
            node.put("rto_class", fit.profile().rtoClass());
            node.put("rto_floor_seconds", Durations.seconds(fit.profile().rtoFloor()));
            node.put("rpo_class", fit.profile().rpoClass());
            node.put("rpo_floor_seconds", Durations.seconds(fit.profile().rpoFloor()));
            node.put("relative_cost", fit.profile().relativeCost());
        }
        root.set("rto", rto(plan));
        root.set("rpo", rpo(plan));
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : plan.findings()) {
            ObjectNode node = findings.addObject();
            node.put("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT));
            node.put("code", finding.code());
            node.put("message", finding.message());
            node.put("evidence", finding.evidence());
            node.put("fix", finding.fix());
            node.put("path", finding.path());
            node.put("line", finding.line());
            if (finding.origin() != null) {
                node.put("origin", finding.origin());
            }
        }
        root.put("objectives_met", plan.objectivesMet());
        root.put("exit_code", plan.exitCode());
        return root;
    }

    private static ObjectNode rto(Plan plan) {
        ObjectNode rto = JSON.createObjectNode();
        rto.put("objective_seconds", Durations.seconds(plan.objectives().rto()));
        if (!plan.hasTopology()) {
            rto.putNull("estimate_seconds");
            return rto;
        }
        rto.put("estimate_seconds", Durations.seconds(plan.rto().total()));
        rto.put("result", plan.rtoMet() ? "PASS" : "FAIL");
        ArrayNode terms = rto.putArray("terms");
        for (RtoTerm term : plan.rto().terms()) {
            terms.addObject().put("name", term.name()).put("seconds", Durations.seconds(term.estimate()))
                    .put("basis", term.basis()).put("path", term.path());
        }
        if (plan.expectation() != null) {
            rto.set("expected", ExpectationReport.json(JSON, plan.expectation()));
        }
        return rto;
    }

    private static ObjectNode rpo(Plan plan) {
        ObjectNode rpo = JSON.createObjectNode();
        rpo.put("objective_seconds", Durations.seconds(plan.objectives().rpo()));
        if (!plan.hasTopology()) {
            rpo.putNull("estimate_seconds");
            return rpo;
        }
        rpo.put("estimate_seconds", Durations.seconds(plan.rpo().worst()));
        rpo.put("result", plan.rpoMet() ? "PASS" : "FAIL");
        ArrayNode stores = rpo.putArray("stores");
        for (StoreRpo store : plan.rpo().stores()) {
            Duration bound = store.bound();
            stores.addObject().put("name", store.name()).put("kind", WireNames.of(store.store().kind()))
                    .put("engine", store.store().engine()).put("bound_seconds", Durations.seconds(bound))
                    .put("result", bound.compareTo(plan.objectives().rpo()) <= 0 ? "PASS" : "FAIL")
                    .put("basis", store.basis()).put("path", store.path());
        }
        return rpo;
    }
}
