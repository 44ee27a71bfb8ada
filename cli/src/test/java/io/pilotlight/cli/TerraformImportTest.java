package io.pilotlight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** import terraform → topology → validate → plan, in process; and plan of a Terraform path directly. */
class TerraformImportTest {
    private static final Path FIXTURES = CliProcess.REPO_ROOT.resolve("terraform/src/test/resources/terraform");

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine commandLine = PilotlightCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void roundTripImportValidateAndPlanOfEachPattern(@TempDir Path dir) {
        String[][] cases = {
            {"pilot-light", "30m", "15m", "0"},
            {"warm-standby", "3m", "1m", "1"},
            {"active-active", "10m", "1m", "0"},
            {"backup-restore", "6h", "4h", "0"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve(c[0] + ".yaml");
            Run imported = run("import", "terraform", FIXTURES.resolve(c[0]).toString(), "-var", "zone_id=Z123", "--rto", c[1], "--rpo", c[2],
                    "-o", out.toString());
            assertThat(imported.exit()).as(c[0] + ": " + imported.err()).isZero();
            assertThat(imported.err()).contains("valid (pilotlight validate would accept it)");
            Run validated = run("validate", out.toString());
            assertThat(validated.exit()).as(c[0] + ": " + validated.err()).isZero();
            Run planned = run("plan", out.toString(), "--history", dir.resolve("none.jsonl").toString());
            Run direct = run("plan", FIXTURES.resolve(c[0]).toString(), "-var", "zone_id=Z123", "--rto", c[1], "--rpo", c[2],
                    "--history", dir.resolve("none.jsonl").toString());
            assertThat(planned.exit()).as(c[0] + " planned from the file:\n" + planned.out()).isEqualTo(Integer.parseInt(c[3]));
            assertThat(direct.exit()).as(c[0] + " planned from Terraform:\n" + direct.out()).isEqualTo(Integer.parseInt(c[3]));
            assertThat(total(direct.out())).isEqualTo(total(planned.out()));
        }
    }

    @Test
    void planOfTheSeedsSnippetGivesItsBudgetAndFindingsWithTerraformLines(@TempDir Path dir) {
        Run plan = run("plan", FIXTURES.resolve("seed/main.tf").toString(), "--rto", "5m", "--rpo", "1m", "--history",
                dir.resolve("none.jsonl").toString());
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.out()).containsPattern("detection\\s+34s\\s+primary: 3 x 10s interval \\+ 4s timeout");
        assertThat(plan.out()).containsPattern("DNS TTL\\s+1m\\s+api.example.com A");
        assertThat(plan.out()).contains("ERROR [primary-without-secondary]");
        assertThat(plan.out()).containsPattern("at:\\s+\\S*seed/main.tf:14 ");
        assertThat(plan.out()).contains("an alias has its target's TTL; aws_lb.use1 -> 60s");
        assertThat(plan.out()).contains("var.zone_id is not declared");
    }

    @Test
    void findingsOfTheImportedDesignsPointAtTheirTerraformLines(@TempDir Path dir) {
        String none = dir.resolve("none.jsonl").toString();
        Run activeActive = run("plan", FIXTURES.resolve("active-active").toString(), "--rto", "10m", "--rpo", "1m", "--history", none);
        assertThat(activeActive.out()).contains("WARNING [alias-ignores-target-health] the alias www.shop.example (www-a)")
                .containsPattern("at:\\s+\\S*active-active/dns.tf:107 ");
        Run warm = run("plan", FIXTURES.resolve("warm-standby").toString(), "--rto", "3m", "--rpo", "1m", "--history", none);
        assertThat(warm.out()).contains("WARNING [slow-health-check] request_interval 30s makes detection alone 1m34s, 52% of the RTO 3m")
                .contains("INFO [failover-without-health-check] the SECONDARY record pay.payments.example (standby)")
                .containsPattern("at:\\s+\\S*warm-standby/main.tf:61 ");
        assertThat(warm.out()).contains("at:       (not in Terraform) drills");
    }

    @Test
    void planAsJsonCarriesTheImportNotes(@TempDir Path dir) throws Exception {
        Run plan = run("plan", FIXTURES.resolve("pilot-light-plan.json").toString(), "--rto", "30m", "--rpo", "15m", "--format", "json",
                "--history", dir.resolve("none.jsonl").toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.out());
        assertThat(json.path("rto").path("estimate_seconds").asDouble()).isEqualTo(368.1); // 364 s before the clients sustain term (4.1 s)
        assertThat(json.path("terraform_import").path("notes").size()).isGreaterThan(3);
        assertThat(plan.exit()).isZero();
    }

    @Test
    void standbyCapacityInAPilotLightIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region = "us-east-1"
                }
                provider "aws" {
                  alias  = "dr"
                  region = "us-west-2"
                }
                resource "aws_autoscaling_group" "api" {
                  desired_capacity = 4
                  min_size         = 4
                  max_size         = 8
                }
                resource "aws_autoscaling_group" "api_dr" {
                  provider         = aws.dr
                  desired_capacity = 2
                  min_size         = 0
                  max_size         = 8
                }
                """);
        Run plan = run("plan", dir.toString(), "--rto", "30m", "--rpo", "5m", "--history", dir.resolve("none.jsonl").toString());
        assertThat(plan.out()).contains("[pilot-light-runs-compute]").contains("that is a warm standby");
        assertThat(plan.out()).containsPattern("main.tf:1[5-7]");
    }

    @Test
    void aSyntaxErrorIsBadInputWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), "resource \"aws_route53_record\" \"a\" {\n  name = \"x\"\n");
        Run imported = run("import", "terraform", dir.toString());
        assertThat(imported.exit()).isEqualTo(2);
        assertThat(imported.err()).contains("main.tf:1:35: HCL syntax: '{' is never closed");
        Run plan = run("plan", dir.toString());
        assertThat(plan.exit()).isEqualTo(2);
    }

    @Test
    void aDirectoryWithoutTerraformIsBadInput(@TempDir Path dir) {
        Run imported = run("import", "terraform", dir.toString());
        assertThat(imported.exit()).isEqualTo(2);
        assertThat(imported.err()).contains("holds no .tf file");
    }

    @Test
    void varAndVarFileApplyInCommandLineOrderAndATfvarsJsonFileIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "threshold" {
                  default = 3
                }
                resource "aws_route53_health_check" "api" {
                  fqdn              = "api.example.com"
                  type              = "HTTPS"
                  failure_threshold = var.threshold
                }
                """);
        Files.writeString(dir.resolve("prod.tfvars.json"), "{\"threshold\": 5}");
        Run fileLast = run("import", "terraform", dir.toString(), "-var", "threshold=2", "-var-file", dir.resolve("prod.tfvars.json").toString());
        assertThat(fileLast.out()).contains("failure_threshold: 5");
        Run varLast = run("import", "terraform", dir.toString(), "-var-file", dir.resolve("prod.tfvars.json").toString(), "-var", "threshold=2");
        assertThat(varLast.out()).contains("failure_threshold: 2");
    }

    @Test
    void tfVarEnvironmentVariablesComeFromTheEnvironmentTheCommandIsGiven() {
        TerraformOptions options = new TerraformOptions();
        var imported = options.toOptions(null, null, null, null, java.util.Map.of("TF_VAR_zone_id", "Z123", "HOME", "/root"));
        assertThat(imported.environment()).containsEntry("TF_VAR_zone_id", "Z123");
        assertThat(imported.inputs()).isEmpty();
    }

    private static String total(String planText) {
        return planText.lines().filter(l -> l.trim().startsWith("total ")).findFirst().orElse("(no total)").trim();
    }
}
