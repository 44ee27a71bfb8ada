package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.yaml.YamlNode.Mapping;
import io.pilotlight.terraform.yaml.YamlNode.Scalar;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aws_backup_plan} rules to backups: the interval is read from the rule's schedule
 * ({@code cron(MIN HOUR DOM MON DOW YEAR)} or {@code rate(N unit)}); the most frequent rule counts.
 */
final class Backups {
    private static final Pattern CRON = Pattern.compile("^cron\\(\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(\\s+\\S+)?\\s*\\)$");
    private static final Pattern RATE = Pattern.compile("^rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)$");

    void map(Resources resources, Regions regions, Notes notes, Mapping out) {
        for (Res plan : resources.ofType("aws_backup_plan")) {
            Duration best = null;
            Res bestRule = null;
            boolean continuous = false;
            java.util.Set<String> copies = new java.util.LinkedHashSet<>();
            regions.of(plan).ifPresent(r -> copies.add(r.region()));
            for (Res rule : plan.nested("rule")) {
                for (Res copy : rule.nested("copy_action")) {
                    copy.ref("destination_vault_arn").flatMap(v -> resources.resolve(plan, v)).flatMap(regions::of)
                            .ifPresent(r -> copies.add(r.region()));
                }
                continuous |= rule.bool("enable_continuous_backup").orElse(false);
                Optional<String> schedule = rule.string("schedule");
                Optional<Duration> interval = schedule.flatMap(Backups::interval);
                if (schedule.isPresent() && interval.isEmpty()) {
                    notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, plan.address() + " schedule \"" + schedule.get()
                            + "\": its interval is not read (only every N minutes/hours or daily cron and rate() are)", rule.at("schedule"));
                }
                if (interval.isPresent() && (best == null || interval.get().compareTo(best) < 0)) {
                    best = interval.get();
                    bestRule = rule;
                }
            }
            if (best == null) {
                continue;
            }
            Mapping store = new Mapping();
            store.put("kind", Scalar.of("backup"), plan.origin(), plan.address());
            store.put("engine", Scalar.of("aws-backup"), plan.origin());
            store.put("interval", Scalar.raw(io.pilotlight.topology.Durations.format(best)), bestRule.at("schedule"),
                    "from schedule " + bestRule.string("schedule").orElse(""));
            if (copies.size() > 1) {
                store.put("regions", DataStores.sequence(copies), plan.origin(), "its own region and the regions copy_action copies to");
            }
            if (continuous) {
                notes.notExpressible(plan.address() + ": enable_continuous_backup (point-in-time recovery) is not modelled; the"
                        + " RPO bound uses the schedule", plan.origin());
            }
            out.put(Names.key(plan.instanceName()), store, plan.origin(), plan.address());
        }
    }

    static Optional<Duration> interval(String schedule) {
        Matcher rate = RATE.matcher(schedule.trim());
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            return Optional.of(switch (rate.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        Matcher cron = CRON.matcher(schedule.trim());
        if (!cron.matches()) {
            return Optional.empty();
        }
        String minutes = cron.group(1);
        String hours = cron.group(2);
        boolean everyDay = isAny(cron.group(3)) && isAny(cron.group(4)) && isAny(cron.group(5));
        if (!everyDay) {
            return isAny(cron.group(4)) && !isAny(cron.group(5)) && single(hours) ? Optional.of(Duration.ofDays(7)) : Optional.empty();
        }
        Optional<Long> stepMinutes = step(minutes);
        if (stepMinutes.isPresent() && hours.equals("*")) {
            return Optional.of(Duration.ofMinutes(stepMinutes.get()));
        }
        if (!single(minutes)) {
            return Optional.empty();
        }
        if (hours.equals("*")) {
            return Optional.of(Duration.ofHours(1));
        }
        Optional<Long> stepHours = step(hours);
        if (stepHours.isPresent()) {
            return Optional.of(Duration.ofHours(stepHours.get()));
        }
        if (hours.matches("\\d+(,\\d+)+")) {
            int[] list = java.util.Arrays.stream(hours.split(",")).mapToInt(Integer::parseInt).sorted().toArray();
            int widest = 24 - list[list.length - 1] + list[0];
            for (int i = 1; i < list.length; i++) {
                widest = Math.max(widest, list[i] - list[i - 1]);
            }
            return Optional.of(Duration.ofHours(widest));
        }
        return single(hours) ? Optional.of(Duration.ofDays(1)) : Optional.empty();
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    private static boolean single(String field) {
        return field.matches("\\d+");
    }

    private static Optional<Long> step(String field) {
        Matcher m = Pattern.compile("^(?:\\*|0)/(\\d+)$").matcher(field);
        return m.matches() && Long.parseLong(m.group(1)) > 0 ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
