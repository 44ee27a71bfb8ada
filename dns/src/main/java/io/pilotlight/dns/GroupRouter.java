package io.pilotlight.dns;

import io.pilotlight.health.HealthView;
import io.pilotlight.topology.FailoverRole;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Route 53 routing over one record group: simple, failover, weighted, multivalue, with aliases and
 * evaluate-target-health. When every member is unhealthy it answers as Route 53 does (the primary,
 * or all members) unless the group fails closed.
 */
final class GroupRouter {
    static final int MULTIVALUE_LIMIT = 8;
    private static final int ALIAS_DEPTH_LIMIT = 8;

    private final ZoneData zone;
    private final HealthView health;
    private final RoutingState controls;
    private final RandomGenerator random;

    GroupRouter(ZoneData zone, HealthView health, RoutingState controls, RandomGenerator random) {
        this.zone = zone;
        this.health = health;
        this.controls = controls;
        this.random = random;
    }

    Resolution route(Name owner, RecordGroup group) {
        return route(owner, group, 0);
    }

    private Resolution route(Name owner, RecordGroup group, int depth) {
        return switch (group.policy()) {
            case SIMPLE -> single(owner, group.members().get(0), depth, "simple");
            case FAILOVER -> failover(owner, group, depth);
            case WEIGHTED -> weighted(owner, group, depth);
            case MULTIVALUE -> multivalue(owner, group, depth);
        };
    }

    Tier tierOf(Member member, int depth) {
        if (!controls.isOn(member.id())) {
            return Tier.UNHEALTHY;
        }
        Tier tier = member.healthCheck() == null ? Tier.HEALTHY : Tier.of(health.status(member.healthCheck()));
        if (member.isAlias() && member.evaluateTargetHealth() && tier != Tier.UNHEALTHY) {
            Tier target = aliasTarget(member, depth).tier();
            tier = target.betterThan(tier) ? tier : target;
        }
        return tier;
    }

    private Resolution single(Name owner, Member member, int depth, String why) {
        Tier tier = tierOf(member, depth);
        Resolution records = recordsOf(owner, member, depth);
        return new Resolution(records.records(), tier, records.cacheable(), why + " " + member.id());
    }

    private Resolution recordsOf(Name owner, Member member, int depth) {
        if (!member.isAlias()) {
            return new Resolution(member.records(), Tier.HEALTHY, true, member.id());
        }
        Resolution target = aliasTarget(member, depth);
        List<Record> renamed = new ArrayList<>(target.records().size());
        for (Record record : target.records()) {
            renamed.add(record.withName(owner));
        }
        return new Resolution(renamed, target.tier(), target.cacheable(), "alias of " + target.reason());
    }

    private Resolution aliasTarget(Member member, int depth) {
        if (depth >= ALIAS_DEPTH_LIMIT) {
            return Resolution.empty("alias chain too long");
        }
        RecordGroup target = zone.groupsAt(member.aliasTarget()).get(member.type());
        return target == null ? Resolution.empty("alias target " + member.aliasTarget() + " has no records")
                : route(member.aliasTarget(), target, depth + 1);
    }

    private Resolution failover(Name owner, RecordGroup group, int depth) {
        Member primary = byRole(group, FailoverRole.PRIMARY);
        Member secondary = byRole(group, FailoverRole.SECONDARY);
        Tier primaryTier = primary == null ? null : tierOf(primary, depth);
        Tier secondaryTier = secondary == null ? null : tierOf(secondary, depth);
        for (Tier wanted : List.of(Tier.HEALTHY, Tier.UNKNOWN)) {
            if (primaryTier == wanted) {
                return chosen(owner, primary, wanted, depth, "PRIMARY " + primary.id() + " is " + wanted.name().toLowerCase());
            }
            if (secondaryTier == wanted) {
                return chosen(owner, secondary, wanted, depth, "SECONDARY " + secondary.id() + " is " + wanted.name().toLowerCase()
                        + (primary == null ? "" : ", PRIMARY is not"));
            }
        }
        if (group.failClosed()) {
            return Resolution.empty("every member is unhealthy and the record set fails closed");
        }
        Member fallback = primary != null ? primary : secondary;
        return chosen(owner, fallback, Tier.UNHEALTHY, depth, "every member is unhealthy: answering " + fallback.id() + " as Route 53 does");
    }

    private Resolution chosen(Name owner, Member member, Tier tier, int depth, String reason) {
        Resolution records = recordsOf(owner, member, depth);
        return new Resolution(records.records(), tier, records.cacheable(), reason);
    }

    private static Member byRole(RecordGroup group, FailoverRole role) {
        return group.members().stream().filter(m -> m.failover() == role).findFirst().orElse(null);
    }

    private Resolution weighted(Name owner, RecordGroup group, int depth) {
        Map<Member, Tier> tiers = tiersOf(group, depth);
        Tier best = best(tiers);
        List<Member> candidates = group.members().stream().filter(m -> tiers.get(m) == best && m.weight() > 0).toList();
        if (candidates.isEmpty()) {
            candidates = group.members().stream().filter(m -> tiers.get(m) == best).toList();
        }
        if (best == Tier.UNHEALTHY) {
            if (group.failClosed()) {
                return Resolution.empty("every member is unhealthy and the record set fails closed");
            }
            List<Member> weighted = group.members().stream().filter(m -> m.weight() > 0).toList();
            candidates = weighted.isEmpty() ? group.members() : weighted;
        }
        Member pick = pickWeighted(candidates);
        Resolution records = recordsOf(owner, pick, depth);
        return new Resolution(records.records(), best, candidates.size() == 1 && records.cacheable(),
                "weighted pick " + pick.id() + " among " + candidates.size() + " " + best.name().toLowerCase() + " members");
    }

    private Member pickWeighted(List<Member> candidates) {
        long total = candidates.stream().mapToLong(m -> Math.max(0, m.weight())).sum();
        if (total == 0) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        long point = random.nextLong(total);
        for (Member member : candidates) {
            point -= Math.max(0, member.weight());
            if (point < 0) {
                return member;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private Resolution multivalue(Name owner, RecordGroup group, int depth) {
        Map<Member, Tier> tiers = tiersOf(group, depth);
        Tier best = best(tiers);
        if (best == Tier.UNHEALTHY && group.failClosed()) {
            return Resolution.empty("every member is unhealthy and the record set fails closed");
        }
        List<Member> candidates = new ArrayList<>(best == Tier.UNHEALTHY ? group.members()
                : group.members().stream().filter(m -> tiers.get(m) == best).toList());
        boolean sampled = candidates.size() > MULTIVALUE_LIMIT;
        if (sampled) {
            java.util.Collections.shuffle(candidates, java.util.Random.from(random));
            candidates = candidates.subList(0, MULTIVALUE_LIMIT);
        }
        List<Record> records = new ArrayList<>();
        boolean cacheable = !sampled;
        for (Member member : candidates) {
            Resolution part = recordsOf(owner, member, depth);
            records.addAll(part.records());
            cacheable &= part.cacheable();
        }
        return new Resolution(records, best, cacheable, "multivalue: " + candidates.size() + " " + best.name().toLowerCase() + " members");
    }

    /** Each member's tier, computed once per answer (an alias with evaluate_target_health routes its target to find it). */
    private Map<Member, Tier> tiersOf(RecordGroup group, int depth) {
        Map<Member, Tier> tiers = new IdentityHashMap<>();
        for (Member member : group.members()) {
            tiers.put(member, tierOf(member, depth));
        }
        return tiers;
    }

    private static Tier best(Map<Member, Tier> tiers) {
        return tiers.values().stream().min(Comparator.naturalOrder()).orElse(Tier.UNHEALTHY);
    }
}
