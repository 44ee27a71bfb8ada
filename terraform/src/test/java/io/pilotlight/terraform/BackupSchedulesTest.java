package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** aws_backup_plan schedules to the interval that bounds a backup's RPO. */
class BackupSchedulesTest {

    @SuppressWarnings("unchecked")
    private static Optional<Duration> interval(String schedule) throws Exception {
        Class<?> backups = Class.forName("io.pilotlight.terraform.mapping.Backups");
        Method method = backups.getDeclaredMethod("interval", String.class);
        method.setAccessible(true);
        return (Optional<Duration>) method.invoke(null, schedule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cron(0 5 ? * * *)|PT24H",
        "cron(0 */4 * * ? *)|PT4H",
        "cron(0 * * * ? *)|PT1H",
        "cron(*/15 * * * ? *)|PT15M",
        "cron(0 0,6 * * ? *)|PT18H",
        "cron(0 3 ? * SUN *)|PT168H",
        "rate(12 hours)|PT12H",
        "rate(1 day)|PT24H"})
    void aScheduleGivesTheLongestGapBetweenTwoBackups(String schedule, String expected) throws Exception {
        assertThat(interval(schedule)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"cron(0 5 1 * ? *)", "cron(0 5 L * ? *)", "whenever"})
    void aScheduleNotReadIsUnknownNotGuessed(String schedule) throws Exception {
        assertThat(interval(schedule)).isEmpty();
    }
}
