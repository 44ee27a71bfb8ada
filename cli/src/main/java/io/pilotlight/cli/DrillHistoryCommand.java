package io.pilotlight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pilotlight.drill.history.DrillHistory;
import io.pilotlight.drill.history.DrillRecord;
import io.pilotlight.drill.history.DrillRecordJson;
import io.pilotlight.drill.history.HistoryTable;
import io.pilotlight.topology.load.TopologyLoader;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"The drills that ran, newest last: when, topology, drill, scenario, target, verdict, RTO, lost writes, report.",
            "Given a topology FILE, only that topology's drills. Corrupt lines are skipped with a warning naming the line."},
        footer = {"", "Exit codes: 0 ok, 2 bad input."})
final class DrillHistoryCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "Topology file: show only its drills.")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--history", paramLabel = "PATH", description = "The drill history (default: .pilotlight/drills/history.jsonl).")
    Path history;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat.textOrJson(format, spec);
        String topology = file == null ? null : TopologyLoader.load(file).topology().name();
        DrillHistory.Contents contents = new DrillHistory(history != null ? history : DrillHistory.DEFAULT_FILE).read();
        contents.warnings().forEach(spec.commandLine().getErr()::println);
        List<DrillRecord> records = contents.records().stream().filter(r -> topology == null || r.topology().equals(topology))
                .sorted(Comparator.comparing(DrillRecord::at)).toList();
        var out = spec.commandLine().getOut();
        if (format == OutputFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(records.stream().map(DrillRecordJson::toMap).toList()));
        } else {
            out.print(HistoryTable.render(records));
        }
        return ExitCodes.OK;
    }
}
