package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.ImportNote;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.eval.Value;
import io.pilotlight.terraform.yaml.YamlNode;
import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The three replication models of the seed article, from their Terraform: an Aurora global database
 * ({@code aws_rds_global_cluster} and its {@code aws_rds_cluster} members: one writer, the RPO bound from
 * {@code rds.global_db_rpo}), a DynamoDB global table ({@code replica} blocks; strong consistency = sync),
 * and S3 replication ({@code aws_s3_bucket_replication_configuration}; Replication Time Control = 15 min).
 */
final class DataStores {
    /** The region that writes, for deciding the regions' roles. */
    record Writer(String store, String region, Origin origin, String reason) {
    }

    private final List<Writer> writers = new ArrayList<>();
    private boolean multiActive;

    Mapping map(Resources resources, Regions regions, Notes notes, Mapping out) {
        for (Res global : resources.ofType("aws_rds_global_cluster")) {
            auroraGlobal(global, resources, regions, notes, out);
        }
        for (Res table : resources.ofType("aws_dynamodb_table")) {
            dynamo(table, regions, notes, out);
        }
        for (Res replication : resources.ofType("aws_s3_bucket_replication_configuration")) {
            s3(replication, resources, regions, notes, out);
        }
        return out;
    }

    List<Writer> writers() {
        return List.copyOf(writers);
    }

    boolean multiActive() {
        return multiActive;
    }

    private void auroraGlobal(Res global, Resources resources, Regions regions, Notes notes, Mapping out) {
        List<Res> members = resources.ofType("aws_rds_cluster").stream()
                .filter(c -> c.ref("global_cluster_identifier").map(global::is)
                        .orElse(false))
                .toList();
        String name = Names.key(global.instanceName());
        Mapping store = new Mapping();
        store.put("kind", Scalar.of("global-database"), global.origin(), global.address() + ": one writer region");
        String engine = global.string("engine").or(() -> members.stream().flatMap(m -> m.string("engine").stream()).findFirst()).orElse("aurora");
        store.put("engine", Scalar.of(engine), global.at("engine"));
        Set<String> memberRegions = new LinkedHashSet<>();
        Res writer = null;
        for (Res member : members) {
            regions.of(member).ifPresent(r -> memberRegions.add(r.region()));
            boolean secondary = member.has("replication_source_identifier") || !member.has("master_username") && !member.has("manage_master_user_password");
            if (!secondary && writer == null) {
                writer = member;
            }
        }
        if (!memberRegions.isEmpty()) {
            store.put("regions", sequence(memberRegions), global.origin(), "regions of its aws_rds_cluster members");
        }
        if (writer != null && regions.of(writer).isPresent()) {
            String region = regions.of(writer).get().region();
            store.put("writer", Scalar.of(region), writer.origin(), writer.address() + " sets the master credentials: the primary cluster");
            writers.add(new Writer(name, region, writer.origin(), "the writer of " + global.address() + " (" + writer.address() + ")"));
        } else {
            notes.add(ImportNote.Kind.UNKNOWN, global.address() + ": which member writes is unknown (no member with master_username"
                    + " and a known region)", global.origin());
        }
        Mapping replication = new Mapping().put("mode", Scalar.of("async"), global.origin(), "Aurora Global Database replicates asynchronously");
        Optional<Res> rpo = globalDbRpo(members, resources);
        if (rpo.isPresent()) {
            replication.put("lag_bound", Scalar.raw(rpo.get().integer("value").orElseThrow() + "s"), rpo.get().at("value"),
                    "rds.global_db_rpo: the writer stops accepting writes when a replica lags more");
        } else {
            replication.put("lag_bound", Scalar.raw("1s"), global.origin(), "assumed: Aurora's typical lag; no rds.global_db_rpo bounds it");
            notes.assumed(global.address() + ": lag_bound 1s is Aurora's typical lag, not a bound; set rds.global_db_rpo in the"
                    + " cluster parameter group to bound the RPO", global.origin());
        }
        store.put("replication", replication, global.origin());
        out.put(name, store, global.origin(), global.address());
    }

    /** The {@code parameter} block setting rds.global_db_rpo in a member's cluster parameter group. */
    private static Optional<Res> globalDbRpo(List<Res> members, Resources resources) {
        for (Res member : members) {
            Optional<Value> group = member.value("db_cluster_parameter_group_name");
            Optional<Res> parameters = group.flatMap(g -> g instanceof Value.ResourceRef ref ? resources.resolve(member, ref)
                    : resources.ofType("aws_rds_cluster_parameter_group").stream()
                            .filter(p -> p.string("name").filter(String.valueOf(((Value.Known) g).value())::equals).isPresent()).findFirst());
            if (parameters.isEmpty()) {
                continue;
            }
            for (Res parameter : parameters.get().nested("parameter")) {
                if (parameter.string("name").filter("rds.global_db_rpo"::equals).isPresent() && parameter.integer("value").isPresent()) {
                    return Optional.of(parameter);
                }
            }
        }
        return Optional.empty();
    }

    private void dynamo(Res table, Regions regions, Notes notes, Mapping out) {
        List<Res> replicas = table.nested("replica");
        if (replicas.isEmpty()) {
            notes.decision(table.address() + " has no replica: a single-region table, not a global table (left out)", table.origin());
            return;
        }
        multiActive = true;
        Set<String> tableRegions = new LinkedHashSet<>();
        regions.of(table).ifPresent(r -> tableRegions.add(r.region()));
        boolean strong = false;
        for (Res replica : replicas) {
            replica.string("region_name").ifPresent(r -> tableRegions.add(regions.named(r, replica.at("region_name"), table.address() + " replica").region()));
            strong |= replica.string("consistency_mode").filter("STRONG"::equalsIgnoreCase).isPresent();
        }
        Mapping store = new Mapping();
        String name = Names.key(table.instanceName());
        store.put("kind", Scalar.of("global-table"), table.origin(), table.address() + ": multi-active, last-writer-wins");
        store.put("engine", Scalar.of("dynamodb"), table.origin());
        store.put("regions", sequence(tableRegions), table.origin());
        if (strong) {
            store.put("replication", new Mapping().put("mode", Scalar.of("sync"), replicas.get(0).origin(),
                    "consistency_mode STRONG: multi-region strong consistency (a write is acknowledged once another region has it)"), table.origin());
        } else {
            store.put("replication", new Mapping().put("mode", Scalar.of("async"), table.origin())
                    .put("lag_bound", Scalar.raw("1s"), table.origin(), "assumed: DynamoDB's typical replication (about a second), not a bound"), table.origin());
            notes.assumed(table.address() + ": lag_bound 1s is DynamoDB global tables' typical replication latency, not a guarantee", table.origin());
        }
        store.put("writes", Scalar.of("overwrites"), table.origin(), "not in Terraform: say counters or read-modify-write if so (unsafe under last-writer-wins)");
        notes.assumed(table.address() + ": writes are overwrites (Terraform does not say); counters or read-modify-write"
                + " are unsafe under last-writer-wins", table.origin());
        out.put(name, store, table.origin(), table.address());
    }

    private void s3(Res replication, Resources resources, Regions regions, Notes notes, Mapping out) {
        Set<String> bucketRegions = new LinkedHashSet<>();
        regions.of(replication).ifPresent(r -> bucketRegions.add(r.region()));
        replication.ref("bucket").flatMap(b -> resources.resolve(replication, b)).flatMap(regions::of).ifPresent(r -> bucketRegions.add(r.region()));
        boolean timeControl = false;
        boolean anyRule = false;
        for (Res rule : replication.nested("rule")) {
            if (rule.string("status").filter("Enabled"::equalsIgnoreCase).isEmpty()) {
                continue;
            }
            anyRule = true;
            for (Res destination : rule.nested("destination")) {
                destination.ref("bucket").flatMap(b -> resources.resolve(replication, b)).flatMap(regions::of)
                        .ifPresent(r -> bucketRegions.add(r.region()));
                timeControl |= destination.first("replication_time").flatMap(t -> t.string("status")).filter("Enabled"::equalsIgnoreCase).isPresent();
            }
        }
        if (!anyRule) {
            notes.decision(replication.address() + ": no enabled rule, nothing is replicated (left out)", replication.origin());
            return;
        }
        Mapping store = new Mapping();
        store.put("kind", Scalar.of("object-replication"), replication.origin(), replication.address());
        store.put("engine", Scalar.of("s3"), replication.origin());
        if (bucketRegions.size() > 1) {
            store.put("regions", sequence(bucketRegions), replication.origin(), "the source and destination buckets' regions");
        }
        Mapping mode = new Mapping().put("mode", Scalar.of("async"), replication.origin());
        if (timeControl) {
            mode.put("lag_bound", Scalar.raw("15m"), replication.origin(), "replication_time Enabled: S3 RTC replicates 99.99% of objects within 15 minutes");
        } else {
            mode.put("lag_bound", Scalar.raw("24h"), replication.origin(), "assumed: without Replication Time Control S3 gives no bound");
            notes.assumed(replication.address() + ": without replication_time (RTC) S3 replication has no bound; 24h written,"
                    + " enable RTC for a 15-minute bound", replication.origin());
        }
        store.put("replication", mode, replication.origin());
        out.put(Names.key(replication.instanceName()), store, replication.origin(), replication.address());
    }

    static YamlNode.Sequence sequence(Set<String> values) {
        return new YamlNode.Sequence(values.stream().map(v -> (YamlNode) Scalar.of(v)).toList());
    }
}
