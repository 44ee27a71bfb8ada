package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.terraform.ImportOptions.VariableInput;
import io.pilotlight.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variable values come from Terraform's sources in Terraform's order, lowest first: the variable's default, TF_VAR_
 * environment variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, then -var and
 * -var-file in command-line order. Each test writes real files into a temporary directory.
 */
class VariablePrecedenceTest {
    private static final String CHECK = """
            variable "threshold" {
              default = 1
            }
            variable "regions" {
              type = map(string)
            }
            variable "path" {
              type = string
            }
            resource "aws_route53_health_check" "api" {
              fqdn              = "api.example.com"
              type              = "HTTPS"
              resource_path     = var.path
              failure_threshold = var.threshold
              request_interval  = 10
            }
            provider "aws" {
              region = var.regions.primary
            }
            """;

    private static int threshold(Path dir, List<VariableInput> inputs, Map<String, String> env) throws Exception {
        ImportResult result = TerraformImporter.read(dir, new ImportOptions(inputs, env, null, null, null, null));
        return Fixtures.load(result).topology().healthChecks().get("api").failureThreshold();
    }

    @Test
    void eachSourceWinsOverTheOnesBelowItInTerraformsOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        Map<String, String> env = Map.of("TF_VAR_threshold", "2", "PATH", "/usr/bin");
        assertThat(threshold(dir, List.of(), Map.of())).as("the default").isEqualTo(1);
        assertThat(threshold(dir, List.of(), env)).as("TF_VAR_ over the default").isEqualTo(2);
        Files.writeString(dir.resolve("terraform.tfvars"), "threshold = 3\n");
        assertThat(threshold(dir, List.of(), env)).as("terraform.tfvars over TF_VAR_").isEqualTo(3);
        Files.writeString(dir.resolve("terraform.tfvars.json"), "{\"threshold\": 4}\n");
        assertThat(threshold(dir, List.of(), env)).as("terraform.tfvars.json over terraform.tfvars").isEqualTo(4);
        Files.writeString(dir.resolve("b.auto.tfvars"), "threshold = 6\n");
        Files.writeString(dir.resolve("a.auto.tfvars.json"), "{\"threshold\": 5}\n");
        assertThat(threshold(dir, List.of(), env)).as("*.auto.tfvars(.json) in lexical order: b.auto.tfvars after a.auto.tfvars.json")
                .isEqualTo(6);
        Files.writeString(dir.resolve("c.auto.tfvars.json"), "{\"threshold\": 7}\n");
        assertThat(threshold(dir, List.of(), env)).as("c.auto.tfvars.json after b.auto.tfvars").isEqualTo(7);
        Files.writeString(dir.resolve("prod.tfvars.json"), "{\"threshold\": 8}\n");
        VariableInput file = new VariableInput.VarFile(dir.resolve("prod.tfvars.json"));
        VariableInput var = new VariableInput.Var("threshold", "9");
        assertThat(threshold(dir, List.of(file), env)).as("-var-file over the auto-loaded files").isEqualTo(8);
        assertThat(threshold(dir, List.of(file, var), env)).as("-var after -var-file wins").isEqualTo(9);
        assertThat(threshold(dir, List.of(var, file), env)).as("-var-file after -var wins: command-line order").isEqualTo(8);
    }

    @Test
    void aTfvarsJsonFileGivesStringsNumbersAndMapsAsJsonTypesThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        Files.writeString(dir.resolve("prod.tfvars.json"), """
                {
                  "regions": {"primary": "eu-west-1", "standby": "eu-central-1"},
                  "path": "/${not-a-template}/healthz",
                  "threshold": 3.0
                }
                """);
        ImportResult result = TerraformImporter.read(dir, new ImportOptions(
                List.of(new VariableInput.VarFile(dir.resolve("prod.tfvars.json"))), Map.of(), null, null, null, null));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.regions()).containsKey("eu-west-1");
        assertThat(topology.healthChecks().get("api").resourcePath()).as("JSON strings are not templates").isEqualTo("/${not-a-template}/healthz");
        assertThat(topology.healthChecks().get("api").failureThreshold()).isEqualTo(3);
    }

    @Test
    void aTfVarEnvironmentVariableGivesAMapAsHclAndAStringAsIs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        Map<String, String> env = Map.of("TF_VAR_regions", "{ primary = \"ap-south-1\" }", "TF_VAR_path", "/live", "TF_VARX", "ignored");
        Topology topology = Fixtures.load(TerraformImporter.read(dir, new ImportOptions(List.of(), env, null, null, null, null))).topology();
        assertThat(topology.regions()).containsKey("ap-south-1");
        assertThat(topology.healthChecks().get("api").resourcePath()).isEqualTo("/live");
    }

    @Test
    void aVariableSetNowhereIsStillUnknownWithItsPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        ImportResult result = TerraformImporter.read(dir, ImportOptions.defaults());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("main.tf:13") && n.contains("variable path has no default"));
    }

    @Test
    void aTfvarsJsonSyntaxErrorNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        Files.writeString(dir.resolve("terraform.tfvars.json"), "{\n  \"threshold\": 3,\n  \"path\": \n}\n");
        assertThatThrownBy(() -> TerraformImporter.read(dir, ImportOptions.defaults()))
                .isInstanceOf(TerraformSyntaxException.class)
                .hasMessageContaining("terraform.tfvars.json:4:").hasMessageContaining("JSON syntax");
        Files.writeString(dir.resolve("terraform.tfvars.json"), "[1, 2]\n");
        assertThatThrownBy(() -> TerraformImporter.read(dir, ImportOptions.defaults()))
                .isInstanceOf(TerraformSyntaxException.class).hasMessageContaining("one JSON object");
    }

    /** The sources of a value, lowest precedence first; the index is also the value each source gives. */
    private static final List<String> AUTO = List.of("terraform.tfvars", "terraform.tfvars.json", "a.auto.tfvars", "b.auto.tfvars.json");

    @Property(tries = 40)
    void theHighestSourceGivenAlwaysWins(@ForAll("present") Set<Integer> present, @ForAll("commandLine") List<Boolean> varFirst)
            throws Exception {
        Path dir = Files.createTempDirectory("precedence");
        try {
            Files.writeString(dir.resolve("main.tf"), CHECK);
            Map<String, String> env = present.contains(0) ? Map.of("TF_VAR_threshold", "2") : Map.of();
            int expected = present.contains(0) ? 2 : 1;
            for (int i = 0; i < AUTO.size(); i++) {
                if (present.contains(i + 1)) {
                    String name = AUTO.get(i);
                    Files.writeString(dir.resolve(name), name.endsWith(".json") ? "{\"threshold\": " + (i + 3) + "}" : "threshold = " + (i + 3) + "\n");
                    expected = i + 3;
                }
            }
            List<VariableInput> inputs = new ArrayList<>();
            int value = 7;
            for (boolean var : varFirst) {
                if (var) {
                    inputs.add(new VariableInput.Var("threshold", Integer.toString(value)));
                } else {
                    Path file = dir.resolve("cli-" + value + ".tfvars.json");
                    Files.writeString(file, "{\"threshold\": " + value + "}");
                    inputs.add(new VariableInput.VarFile(file));
                }
                expected = value++;
            }
            assertThat(threshold(dir, inputs, env)).isEqualTo(expected);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Provide
    Arbitrary<Set<Integer>> present() {
        return Arbitraries.integers().between(0, AUTO.size()).set();
    }

    @Provide
    Arbitrary<List<Boolean>> commandLine() {
        return Arbitraries.of(true, false).list().ofMaxSize(3);
    }
}
