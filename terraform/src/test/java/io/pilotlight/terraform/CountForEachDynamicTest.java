package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.terraform.ImportOptions.VariableInput;
import io.pilotlight.topology.DataStore;
import io.pilotlight.topology.RecordSet;
import io.pilotlight.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * count, for_each and dynamic blocks are expanded as Terraform expands them when their argument is known, with
 * Terraform's instance addresses in the notes and comments; an unknown argument is reported, never guessed.
 */
class CountForEachDynamicTest {
    private static final String FAILOVER_BY_FOR_EACH = """
            provider "aws" {
              region = "us-east-1"
            }
            locals {
              sites = {
                west = { ip = "203.0.113.20", role = "SECONDARY" }
                east = { ip = "203.0.113.10", role = "PRIMARY" }
              }
            }
            resource "aws_route53_zone" "main" {
              name = "example.com"
            }
            resource "aws_route53_health_check" "api" {
              for_each          = local.sites
              ip_address        = each.value.ip
              type              = "HTTPS"
              resource_path     = "/healthz"
              failure_threshold = 3
              request_interval  = 10
            }
            resource "aws_route53_record" "www" {
              for_each        = local.sites
              zone_id         = aws_route53_zone.main.zone_id
              name            = "www.example.com"
              type            = "A"
              ttl             = 60
              records         = [each.value.ip]
              set_identifier  = "www-${each.key}"
              health_check_id = aws_route53_health_check.api[each.key].id
              failover_routing_policy {
                type = each.value.role
              }
            }
            """;

    private static ImportResult read(Path dir, List<VariableInput> inputs) throws Exception {
        return TerraformImporter.read(dir, new ImportOptions(inputs, Map.of(), null, null, null, null));
    }

    @Test
    void forEachOverAMapGivesOneRecordSetPerKeyWithEachKeyAndEachValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), FAILOVER_BY_FOR_EACH);
        ImportResult result = read(dir, List.of());
        Topology topology = Fixtures.load(result).topology();
        List<RecordSet> sets = topology.dns().zones().get("example.com").recordSets();
        assertThat(sets).hasSize(2);
        assertThat(sets).extracting(RecordSet::setIdentifier).containsExactly("www-east", "www-west");
        assertThat(sets).extracting(RecordSet::healthCheck).containsExactly("api-east", "api-west");
        assertThat(sets).extracting(s -> s.failoverRoutingPolicy().type().name()).containsExactly("PRIMARY", "SECONDARY");
        assertThat(sets.get(0).records()).containsExactly("203.0.113.10");
        assertThat(topology.healthChecks()).containsOnlyKeys("api-east", "api-west");
        assertThat(Fixtures.line(result, "set_identifier: www-west")).contains("main.tf:28");
        assertThat(result.yaml()).contains("aws_route53_record.www[\"east\"]").contains("aws_route53_health_check.api[\"west\"]");
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN)).isEmpty();
    }

    @Test
    void countFromAVariableGivesThatManyInstancesWithCountIndex(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "checks" {
                  type = number
                }
                resource "aws_route53_health_check" "api" {
                  count             = var.checks
                  fqdn              = "api-${count.index}.example.com"
                  type              = "HTTPS"
                  request_interval  = 10
                }
                """);
        ImportResult result = read(dir, List.of(new VariableInput.Var("checks", "3")));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.healthChecks()).containsOnlyKeys("api-0", "api-1", "api-2");
        assertThat(topology.healthChecks().get("api-2").fqdn()).isEqualTo("api-2.example.com");
        assertThat(result.yaml()).contains("aws_route53_health_check.api[2]");
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED)).anyMatch(n -> n.contains("aws_route53_health_check.api[1]: timeout 4s"));
    }

    @Test
    void countZeroCreatesNothingAndSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_route53_health_check" "api" {
                  count = 0
                  fqdn  = "api.example.com"
                  type  = "HTTPS"
                }
                """);
        ImportResult result = read(dir, List.of());
        assertThat(result.resources()).isZero();
        assertThat(Fixtures.notes(result, ImportNote.Kind.DECISION)).anyMatch(n -> n.contains("main.tf:2")
                && n.contains("aws_route53_health_check.api has count = 0: Terraform creates no instance of it"));
    }

    @Test
    void forEachOverToSetOfAListGoesInLexicalOrderWithKeyEqualToValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "names" {
                  default = ["west", "east", "west"]
                }
                resource "aws_route53_health_check" "api" {
                  for_each = toset(var.names)
                  fqdn     = "${each.key}.${each.value}.example.com"
                  type     = "HTTP"
                }
                """);
        ImportResult result = read(dir, List.of());
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.healthChecks().keySet()).containsExactly("api-east", "api-west");
        assertThat(topology.healthChecks().get("api-east").fqdn()).isEqualTo("east.east.example.com");
    }

    @Test
    void aDynamicBlockGeneratesOneNestedBlockPerElementWithItsIterator(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                provider "aws" {
                  region = "us-east-1"
                }
                variable "replicas" {
                  default = ["us-west-2", "eu-west-1"]
                }
                resource "aws_dynamodb_table" "carts" {
                  name = "carts"
                  dynamic "replica" {
                    for_each = var.replicas
                    iterator = r
                    content {
                      region_name = r.value
                    }
                  }
                }
                """);
        ImportResult result = read(dir, List.of());
        DataStore carts = Fixtures.load(result).topology().dataStores().get("carts");
        assertThat(carts.regions()).containsExactly("us-east-1", "us-west-2", "eu-west-1");
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN)).isEmpty();
    }

    @Test
    void anUnknownForEachIsReportedWithItsPlaceAndEachIsNeverGuessed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                resource "aws_route53_health_check" "api" {
                  for_each = { for s in var.sites : s => s }
                  fqdn     = "${each.key}.example.com"
                  type     = "HTTP"
                }
                """);
        ImportResult result = read(dir, List.of());
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN))
                .anyMatch(n -> n.contains("main.tf:2") && n.contains("aws_route53_health_check.api for_each: a for expression is not evaluated")
                        && n.contains("read as one instance"))
                .anyMatch(n -> n.contains("main.tf:3") && n.contains("each.key is only known when Terraform runs"));
        assertThat(result.yaml()).doesNotContain("fqdn:");
    }

    @Test
    void indexesOfKnownValuesAreEvaluatedNotReadAsAttributeNamedValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.tf"), """
                variable "paths" {
                  default = { "value" = "/wrong", "live" = "/healthz" }
                }
                variable "ports" {
                  default = [8080, 8443]
                }
                resource "aws_route53_health_check" "api" {
                  fqdn          = "api.example.com"
                  type          = "HTTPS"
                  resource_path = var.paths["live"]
                  port          = var.ports[1]
                }
                """);
        Topology topology = Fixtures.load(read(dir, List.of())).topology();
        assertThat(topology.healthChecks().get("api").resourcePath()).isEqualTo("/healthz");
        assertThat(topology.healthChecks().get("api").port()).isEqualTo(8443);
    }

    @Test
    void aPlansInstancesKeepTheirTerraformAddresses(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, """
                {
                  "format_version": "1.2",
                  "planned_values": {
                    "root_module": {
                      "resources": [
                        {
                          "address": "aws_route53_health_check.api[\\"east\\"]",
                          "mode": "managed", "type": "aws_route53_health_check", "name": "api", "index": "east",
                          "values": { "fqdn": "east.example.com", "type": "HTTPS", "request_interval": 10, "failure_threshold": 3 }
                        },
                        {
                          "address": "aws_route53_health_check.api[\\"west\\"]",
                          "mode": "managed", "type": "aws_route53_health_check", "name": "api", "index": "west",
                          "values": { "fqdn": "west.example.com", "type": "HTTPS", "request_interval": 30, "failure_threshold": 3 }
                        },
                        {
                          "address": "aws_route53_health_check.db[0]",
                          "mode": "managed", "type": "aws_route53_health_check", "name": "db", "index": 0,
                          "values": { "fqdn": "db.example.com", "type": "TCP", "port": 5432 }
                        }
                      ]
                    }
                  }
                }
                """);
        ImportResult result = TerraformImporter.read(plan, ImportOptions.defaults());
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.healthChecks()).containsOnlyKeys("api-east", "api-west", "db-0");
        assertThat(Fixtures.notes(result, ImportNote.Kind.ASSUMED))
                .anyMatch(n -> n.startsWith(plan + ":7:") && n.contains("aws_route53_health_check.api[\"east\"]: timeout 4s"))
                .anyMatch(n -> n.contains("aws_route53_health_check.db[0]: timeout 4s"));
    }

    @Test
    void theForEachFixtureReadsItsTfvarsJsonAndExpandsEveryKind() {
        ImportResult result = Fixtures.read("for-each", Fixtures.objectives("30m", "15m", Map.of()));
        Topology topology = Fixtures.load(result).topology();
        assertThat(topology.healthChecks()).containsOnlyKeys("api-east", "api-west", "canary-0", "canary-1");
        assertThat(topology.dns().zones().get("example.com").recordSets()).extracting(RecordSet::setIdentifier)
                .containsExactly("www-east", "www-west");
        assertThat(topology.dataStores().get("carts").regions()).containsExactly("us-east-1", "us-west-2");
        assertThat(topology.regions()).containsKeys("us-east-1", "us-west-2");
        assertThat(Fixtures.notes(result, ImportNote.Kind.UNKNOWN)).isEmpty();
    }

    @Property(tries = 25)
    void countNGivesExactlyNInstancesNumberedFromZero(@ForAll @IntRange(min = 0, max = 12) int n) throws Exception {
        Path dir = Files.createTempDirectory("count");
        try {
            Files.writeString(dir.resolve("main.tf"), """
                    resource "aws_route53_health_check" "api" {
                      count = %d
                      fqdn  = "api-${count.index}.example.com"
                      type  = "HTTP"
                    }
                    """.formatted(n));
            ImportResult result = read(dir, List.of());
            assertThat(result.resources()).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(result.yaml()).contains("fqdn: api-" + i + ".example.com").contains("aws_route53_health_check.api[" + i + "]");
            }
            assertThat(result.yaml()).doesNotContain("api-" + n + ".example.com");
        } finally {
            Files.delete(dir.resolve("main.tf"));
            Files.delete(dir);
        }
    }
}
