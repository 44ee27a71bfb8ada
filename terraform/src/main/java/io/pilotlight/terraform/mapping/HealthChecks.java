package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.eval.Value;
import io.pilotlight.terraform.yaml.YamlNode;
import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code aws_route53_health_check} to named health checks. HTTP_STR_MATCH and HTTPS_STR_MATCH become HTTP and
 * HTTPS with their search_string; CALCULATED keeps its children and threshold; CLOUDWATCH_METRIC and
 * RECOVERY_CONTROL cannot be expressed (noted). The check's timeout is not a Terraform argument: Route 53's
 * own figure (4 s to connect) is written and said to be assumed.
 */
final class HealthChecks {
    private final Map<String, String> nameByAddress = new LinkedHashMap<>();

    Mapping map(Resources resources, Notes notes) {
        Mapping checks = new Mapping();
        for (Res check : resources.ofType("aws_route53_health_check")) {
            Optional<String> type = check.string("type");
            if (type.isEmpty()) {
                continue;
            }
            String name = Names.key(check.instanceName());
            nameByAddress.put(check.address(), name);
            Mapping out = new Mapping();
            String kind = switch (type.get()) {
                case "HTTP", "HTTP_STR_MATCH" -> "HTTP";
                case "HTTPS", "HTTPS_STR_MATCH" -> "HTTPS";
                case "TCP" -> "TCP";
                case "CALCULATED" -> "CALCULATED";
                default -> null;
            };
            if (kind == null) {
                notes.notExpressible(check.address() + " type " + type.get() + ": Pilotlight checks endpoints (HTTP, HTTPS, TCP) and"
                        + " CALCULATED checks; a record using it is treated as having no health check", check.at("type"));
                nameByAddress.remove(check.address());
                continue;
            }
            out.put("type", Scalar.of(kind), check.at("type"), kind.equals(type.get()) ? null : "(Terraform type " + type.get() + ")");
            if (kind.equals("CALCULATED")) {
                calculated(check, out, resources, notes);
            } else {
                endpoint(check, out, notes);
            }
            check.bool("invert_healthcheck").filter(b -> b).ifPresent(b -> out.put("inverted", Scalar.raw(true), check.at("invert_healthcheck")));
            check.bool("disabled").filter(b -> b).ifPresent(b -> out.put("disabled", Scalar.raw(true), check.at("disabled")));
            checks.put(name, out, check.origin(), check.address());
        }
        return checks;
    }

    private static void endpoint(Res check, Mapping out, Notes notes) {
        check.string("fqdn").ifPresent(v -> out.put("fqdn", Scalar.of(v), check.at("fqdn")));
        check.string("ip_address").ifPresent(v -> out.put("ip_address", Scalar.of(v), check.at("ip_address")));
        if (!out.has("fqdn") && !out.has("ip_address") && (check.has("fqdn") || check.has("ip_address"))) {
            notes.decision(check.address() + ": its target is unknown; the check is kept for its timing (detection)", check.origin());
        }
        check.integer("port").ifPresent(v -> out.put("port", Scalar.raw(v), check.at("port")));
        check.string("resource_path").ifPresent(v -> out.put("resource_path", Scalar.of(v), check.at("resource_path")));
        check.string("search_string").ifPresent(v -> out.put("search_string", Scalar.of(v), check.at("search_string")));
        Optional<Integer> interval = check.integer("request_interval");
        out.put("request_interval", Scalar.raw(interval.orElse(30) + "s"), check.at("request_interval"),
                interval.isPresent() ? null : "not set: Route 53's default 30s");
        Optional<Integer> threshold = check.integer("failure_threshold");
        out.put("failure_threshold", Scalar.raw(threshold.orElse(3)), check.at("failure_threshold"),
                threshold.isPresent() ? null : "not set: Route 53's default 3");
        out.put("timeout", Scalar.raw("4s"), check.origin(), "assumed: not a Terraform argument; Route 53 waits 4s for a connection");
        notes.assumed(check.address() + ": timeout 4s (Route 53 allows 4 s to connect; not a Terraform argument)", check.origin());
        List<String> regions = check.strings("regions");
        if (!regions.isEmpty()) {
            notes.notExpressible(check.address() + " regions " + regions + ": Pilotlight checks from its own vantage points"
                    + " (one per region of the topology), not from named Route 53 checker regions", check.at("regions"));
        }
    }

    private void calculated(Res check, Mapping out, Resources resources, Notes notes) {
        List<YamlNode> children = new ArrayList<>();
        for (Value child : check.items("child_healthchecks")) {
            if (child instanceof Value.ResourceRef ref && ref.type().equals("aws_route53_health_check")) {
                children.add(Scalar.of(nameOf(check, ref).orElse(Names.key(ref.name() + (ref.key() == null ? "" : "_" + Value.keyText(ref.key()))))));
            } else {
                notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, check.address() + " child_healthchecks: a child that is not"
                        + " an aws_route53_health_check of this configuration", check.at("child_healthchecks"));
            }
        }
        out.put("child_health_checks", new YamlNode.Sequence(children), check.at("child_healthchecks"));
        check.integer("child_health_threshold").ifPresent(v -> out.put("health_threshold", Scalar.raw(v), check.at("child_health_threshold")));
    }

    /** The topology name of the check a reference points to, if it was imported. */
    Optional<String> nameOf(Res from, Value.ResourceRef ref) {
        return Optional.ofNullable(nameByAddress.get(from.modulePrefix() + ref.address()));
    }
}
