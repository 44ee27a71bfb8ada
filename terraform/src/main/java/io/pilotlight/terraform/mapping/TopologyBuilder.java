package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.ImportOptions;
import io.pilotlight.terraform.ImportResult;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.eval.Evaluator;
import io.pilotlight.terraform.yaml.YamlNode;
import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import io.pilotlight.terraform.yaml.YamlWriter;
import io.pilotlight.topology.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Puts the mapped parts together into one topology file, and notes what was skipped. */
public final class TopologyBuilder {
    /** Resource types read by a mapper, or looked up by one (so they are not reported as skipped). */
    private static final Set<String> READ = Set.of("aws_route53_health_check", "aws_route53_record", "aws_route53_zone",
            "aws_rds_global_cluster", "aws_rds_cluster", "aws_rds_cluster_parameter_group", "aws_dynamodb_table",
            "aws_s3_bucket_replication_configuration", "aws_s3_bucket", "aws_autoscaling_group", "aws_ecs_service",
            "aws_eks_node_group", "aws_backup_plan", "aws_backup_vault", "aws_lb", "aws_alb", "aws_elb");

    private TopologyBuilder() {
    }

    public static ImportResult build(String source, Evaluator root, ImportOptions options) throws TerraformSyntaxException, TerraformInputException {
        Notes notes = new Notes();
        Resources resources = Resources.load(root, notes);
        Regions regions = new Regions(resources, notes);
        HealthChecks checks = new HealthChecks();
        Mapping healthChecks = checks.map(resources, notes);
        Records records = new Records();
        Mapping zones = records.map(resources, checks, regions, notes);
        DataStores stores = new DataStores();
        Mapping dataStores = new Mapping();
        stores.map(resources, regions, notes, dataStores);
        new Backups().map(resources, regions, notes, dataStores);
        List<Fleets.Fleet> fleets = new Fleets().read(resources, regions, notes);
        skipped(resources, notes);

        List<String> regionNames = new ArrayList<>(regions.seen().keySet());
        fleets.stream().map(Fleets.Fleet::region).filter(r -> !regionNames.contains(r)).forEach(regionNames::add);
        if (regionNames.isEmpty()) {
            regionNames.add("unknown-region");
            notes.add(ImportNote.Kind.UNKNOWN, "no aws provider with a known region: one region named unknown-region stands for"
                    + " the region of every resource", new Origin(source, Origin.UNKNOWN_LINE));
        }
        Map<String, Roles.Role> roles = Roles.decide(regionNames, stores.writers(), records.members(), stores.multiActive(), fleets);
        roles.forEach((region, role) -> notes.decision(region + " is " + role.role() + ": " + role.reason(),
                role.origin() == null ? regionOrigin(regions, region, source) : role.origin()));

        Mapping topology = new Mapping();
        topology.put("name", Scalar.of(options.name() != null ? options.name() : nameOf(source)), null,
                options.name() != null ? "given with --name" : "the configuration's folder name");
        String pattern = pattern(options, roles, fleets, notes);
        if (pattern != null) {
            topology.put("pattern", Scalar.of(pattern), null, options.pattern() != null ? "given with --pattern" : "inferred: " + patternReason(fleets, roles));
        }
        topology.put("objectives", objectives(options, notes, source), null, null);
        Mapping regionsOut = new Mapping();
        roles.forEach((region, role) -> regionsOut.put(region, new Mapping().put("role", Scalar.of(role.role()),
                role.origin() == null ? regionOrigin(regions, region, source) : role.origin(), role.reason()), regionOrigin(regions, region, source)));
        topology.put("regions", regionsOut, null, null);
        Map<String, List<Fleets.Fleet>> byService = byService(fleets);
        if (!byService.isEmpty()) {
            Mapping services = new Mapping();
            byService.forEach((service, list) -> services.put(service, new Mapping(), list.get(0).origin(),
                    "from " + String.join(", ", list.stream().map(Fleets.Fleet::address).toList())));
            topology.put("services", services, null, null);
        }
        if (!healthChecks.isEmpty()) {
            topology.put("health_checks", healthChecks, null, null);
        }
        if (!zones.isEmpty()) {
            topology.put("dns", new Mapping().put("zones", zones, null), null, null);
        }
        if (!dataStores.isEmpty()) {
            topology.put("data_stores", dataStores, null, null);
        }
        if (!byService.isEmpty()) {
            topology.put("compute", Capacities.of(byService, roles, notes), null, null);
        }
        List<String> header = new ArrayList<>(List.of(
                "Imported by pilotlight import terraform from " + source + ": each value's comment says where it came from.",
                "Check the notes (pilotlight import terraform prints them): unknown values, assumptions, what was skipped."));
        YamlWriter.Written written = YamlWriter.write(header, topology);
        return new ImportResult(source, written.text(), notes.all(), written.lineOrigins(), resources.all().size());
    }

    private static Origin regionOrigin(Regions regions, String region, String source) {
        Regions.Located located = regions.seen().get(region);
        return located == null ? new Origin(source, Origin.UNKNOWN_LINE) : located.origin();
    }

    private static Mapping objectives(ImportOptions options, Notes notes, String source) {
        Origin none = new Origin("(not in Terraform)", Origin.UNKNOWN_LINE);
        Mapping objectives = new Mapping();
        if (options.rto() == null || options.rpo() == null) {
            notes.add(ImportNote.Kind.ASSUMED, "objectives are not in Terraform: " + (options.rto() == null ? "rto 1h " : "")
                    + (options.rpo() == null ? "rpo 15m " : "") + "written as placeholders; give --rto and --rpo", new Origin(source, Origin.UNKNOWN_LINE));
        }
        objectives.put("rto", Scalar.raw(options.rto() != null ? Durations.format(options.rto()) : "1h"), null,
                options.rto() != null ? "given with --rto" : "PLACEHOLDER: not in Terraform, give --rto");
        objectives.put("rpo", Scalar.raw(options.rpo() != null ? Durations.format(options.rpo()) : "15m"), null,
                options.rpo() != null ? "given with --rpo" : "PLACEHOLDER: not in Terraform, give --rpo");
        return objectives;
    }

    private static String pattern(ImportOptions options, Map<String, Roles.Role> roles, List<Fleets.Fleet> fleets, Notes notes) {
        if (options.pattern() != null) {
            return options.pattern();
        }
        String reason = patternReason(fleets, roles);
        return reason == null ? null : "pilot-light";
    }

    /** A standby fleet whose min_size is 0 was built to scale to zero: the design is pilot light, whatever it runs now. */
    private static String patternReason(List<Fleets.Fleet> fleets, Map<String, Roles.Role> roles) {
        return fleets.stream().filter(f -> roles.containsKey(f.region()) && roles.get(f.region()).role().equals("standby"))
                .filter(f -> f.min() != null && f.min() == 0)
                .map(f -> f.address() + " in standby " + f.region() + " has min_size 0 (" + f.origin() + ")").findFirst().orElse(null);
    }

    private static Map<String, List<Fleets.Fleet>> byService(List<Fleets.Fleet> fleets) {
        Map<String, List<Fleets.Fleet>> out = new LinkedHashMap<>();
        fleets.forEach(f -> out.computeIfAbsent(f.service(), k -> new ArrayList<>()).add(f));
        return out;
    }

    private static void skipped(Resources resources, Notes notes) {
        Map<String, List<Res>> byType = new TreeMap<>();
        resources.all().stream().filter(r -> !READ.contains(r.type())).forEach(r -> byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r));
        byType.forEach((type, list) -> notes.add(ImportNote.Kind.SKIPPED, type + ": not read (" + list.size() + ": "
                + String.join(", ", list.stream().map(Res::address).limit(5).toList()) + (list.size() > 5 ? ", ..." : "") + ")",
                list.get(0).origin()));
    }

    private static String nameOf(String source) {
        java.nio.file.Path path = java.nio.file.Path.of(source).toAbsolutePath().normalize();
        String base = java.nio.file.Files.isDirectory(path) ? String.valueOf(path.getFileName())
                : String.valueOf(path.getFileName()).replaceAll("\\.(tf|json)$", "");
        String key = Names.key(base);
        return key.isEmpty() ? "imported" : key;
    }

}
