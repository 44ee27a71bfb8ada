package io.pilotlight.planner.report;

import static io.pilotlight.topology.Durations.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlight.planner.calibration.ExpectedTerm;
import io.pilotlight.planner.calibration.RtoExpectation;
import io.pilotlight.topology.Durations;

/** The expected RTO from drills, as text and as JSON (shared by the text, Markdown and JSON reports). */
final class ExpectationReport {
    private ExpectationReport() {
    }

    static void text(RtoExpectation expectation, StringBuilder out) {
        if (expectation == null) {
            return;
        }
        if (!expectation.fromDrills()) {
            out.append("  expected (critical path of the declared terms, no ").append(expectation.scenario())
                    .append(" drill yet): ").append(format(expectation.expected())).append("\n");
            return;
        }
        out.append("\nExpected RTO from the last ").append(expectation.runs()).append(" ").append(expectation.scenario())
                .append(" drill").append(expectation.runs() == 1 ? "" : "s").append(" (median per term; worst case kept above)\n");
        TextTable table = new TextTable("  ", "TERM", "DECLARED", "MEASURED", "SPREAD", "EXPECTED", "USED");
        for (ExpectedTerm term : expectation.terms()) {
            table.row(term.name(), format(term.declared()), term.measured() == null ? "-" : format(term.measured().median()),
                    term.measured() == null ? "-" : format(term.measured().min()) + "-" + format(term.measured().max()),
                    term.expected() == null ? "-" : format(term.expected()), term.used());
        }
        table.row("not in a term", "-", "", "", signed(expectation.tail()),
                "less work that overlapped (and the clients' tail in drills recorded before it was a term)");
        table.row("expected", "", "", "", format(expectation.expected()), "the drills' median RTO: terms that overlap count once");
        out.append(table.render());
    }

    private static String signed(java.time.Duration duration) {
        return duration.isNegative() ? "-" + format(duration.negated()) : format(duration);
    }

    static ObjectNode json(ObjectMapper mapper, RtoExpectation expectation) {
        ObjectNode node = mapper.createObjectNode();
        node.put("scenario", expectation.scenario());
        node.put("drills", expectation.runs());
        node.put("expected_seconds", Durations.seconds(expectation.expected()));
        node.put("tail_seconds", Durations.seconds(expectation.tail()));
        ArrayNode terms = node.putArray("terms");
        for (ExpectedTerm term : expectation.terms()) {
            ObjectNode t = terms.addObject();
            t.put("name", term.name());
            t.put("declared_seconds", Durations.seconds(term.declared()));
            if (term.measured() == null) {
                t.putNull("measured");
            } else {
                t.putObject("measured").put("drills", term.measured().runs())
                        .put("median_seconds", Durations.seconds(term.measured().median()))
                        .put("min_seconds", Durations.seconds(term.measured().min()))
                        .put("max_seconds", Durations.seconds(term.measured().max()));
            }
            if (term.expected() == null) {
                t.putNull("expected_seconds");
            } else {
                t.put("expected_seconds", Durations.seconds(term.expected()));
            }
            t.put("used", term.used());
        }
        return node;
    }
}
