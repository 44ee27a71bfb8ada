package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Variables, locals and module inputs are resolved where literal or given; anything else is unknown with its place. */
class VariablesAndUnknownsTest {
    private static final String CHECK = """
            variable "interval" {
              type = number
            }
            variable "threshold" {
              default = 3
            }
            locals {
              path = "/${var.prefix}/healthz"
            }
            variable "prefix" {
              default = "v1"
            }
            resource "aws_route53_health_check" "api" {
              fqdn              = "api.example.com"
              type              = "HTTPS"
              resource_path     = local.path
              failure_threshold = var.threshold
              request_interval  = var.interval
              port              = var.fast ? 443 : 8443
            }
            """;

    private static ImportResult read(Path dir, Map<String, String> vars, List<Path> varFiles) throws Exception {
        return TerraformImporter.read(dir, new ImportOptions(vars, varFiles, null, null, null, null));
    }

    @Test
    void anUnsetVariableIsUnknownWithItsPlaceAndTheRoute53DefaultIsSaidToBeOne(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        ImportResult result = read(dir, Map.of(), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("main.tf:18") && n.contains("variable interval has no default and no -var, -var-file, tfvars or TF_VAR_interval value"));
        assertThat(Fixtures.line(result, "request_interval: 30s")).contains("not set: Route 53's default 30s");
    }

    @Test
    void aConditionalIsNeverEvaluatedSoThePortIsUnknownNotGuessed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        ImportResult result = read(dir, Map.of("fast", "true"), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN)).anyMatch(n -> n.contains("main.tf:19") && n.contains("a conditional expression"));
        assertThat(result.yaml()).doesNotContain("port:");
    }

    @Test
    void localsTemplatesDefaultsAndVarWinInTerraformsOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), CHECK);
        Files.writeString(dir.resolve("terraform.tfvars"), "interval = 30\nthreshold = 5\n");
        Files.writeString(dir.resolve("fast.tfvars"), "interval = 10\n");
        ImportResult result = read(dir, Map.of("threshold", "2"), List.of(dir.resolve("fast.tfvars")));
        Topology topology = Fixtures.load(result).topology();
        var check = topology.healthChecks().get("api");
        assertThat(check.resourcePath()).isEqualTo("/v1/healthz");
        assertThat(check.requestInterval()).as("-var-file over terraform.tfvars").isEqualTo(Duration.ofSeconds(10));
        assertThat(check.failureThreshold()).as("-var over everything").isEqualTo(2);
    }

    @Test
    void aModuleFromTheRegistryIsReportedAsNotFollowed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                module "db" {
                  source  = "terraform-aws-modules/rds-aurora/aws"
                  version = "9.0.0"
                }
                module "git" {
                  source = "git::https://example.com/infra.git//dr"
                }
                """);
        ImportResult result = read(dir, Map.of(), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.NOT_FOLLOWED)).hasSize(2)
                .anyMatch(n -> n.contains("main.tf:1") && n.contains("module.db"))
                .anyMatch(n -> n.contains("main.tf:5") && n.contains("module.git"));
    }

    @Test
    void aModuleOutputIsUnknownWithItsPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_route53_health_check" "api" {
                  fqdn              = module.lb.dns_name
                  type              = "HTTP"
                  request_interval  = 10
                }
                """);
        ImportResult result = read(dir, Map.of(), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("main.tf:2") && n.contains("module.lb.dns_name is an output of module lb"));
    }

    @Test
    void unknownResourceTypesAreListedAsSkippedNotErrors(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region = "us-east-1"
                }
                resource "aws_sqs_queue" "jobs" {
                  name = "jobs"
                }
                resource "google_compute_instance" "vm" {
                  name = "vm"
                }
                """);
        ImportResult result = read(dir, Map.of(), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.SKIPPED)).hasSize(2)
                .anyMatch(n -> n.contains("aws_sqs_queue")).anyMatch(n -> n.contains("google_compute_instance"));
        Fixtures.load(result);
    }

    @Test
    void standbyCapacityAboveZeroWithMinSizeZeroIsClaimedPilotLightSoThePlannerCanSayItCostsAWarmStandby(@TempDir Path dir)
            throws Exception {
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
        Topology topology = Fixtures.load(read(dir, Map.of(), List.of())).topology();
        assertThat(topology.pattern()).isEqualTo(io.pilotlight.topology.ResiliencePattern.PILOT_LIGHT);
        assertThat(topology.compute().get("api").capacity().get("us-west-2").standby()).isEqualTo(2);
    }

    @Test
    void countForEachAndDynamicBlocksWhoseArgumentIsUnknownAreReportedNotGuessed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region = "us-east-1"
                }
                resource "aws_route53_health_check" "api" {
                  count             = var.checks
                  fqdn              = "api-${count.index}.example.com"
                  type              = "HTTPS"
                  request_interval  = 10
                }
                resource "aws_dynamodb_table" "t" {
                  name = "t"
                  dynamic "replica" {
                    for_each = var.replicas
                    content {
                      region_name = replica.value
                    }
                  }
                }
                variable "checks" {
                  type = number
                }
                """);
        ImportResult result = read(dir, Map.of(), List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("main.tf:5") && n.contains("aws_route53_health_check.api count: variable checks has no default")
                        && n.contains("read as one instance"))
                .anyMatch(n -> n.contains("main.tf:6") && n.contains("count.index is only known when Terraform runs"))
                .anyMatch(n -> n.contains("main.tf:13") && n.contains("aws_dynamodb_table.t: dynamic \"replica\" blocks are not generated")
                        && n.contains("var.replicas is not declared"));
    }
}
