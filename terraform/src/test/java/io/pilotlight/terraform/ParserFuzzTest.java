package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlight.terraform.hcl.HclReader;
import io.pilotlight.terraform.plan.PlanJsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Garbage in: a clear syntax or input error, never a stack trace of another kind. */
class ParserFuzzTest {
    private static final String VALID;

    static {
        try {
            VALID = Files.readString(Fixtures.path("pilot-light").resolve("dns.tf"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 300)
    void anyTextIsParsedOrRefusedWithFileLineAndColumn(@ForAll("hclish") String text) {
        try {
            HclReader.blocks("fuzz.tf", text);
        } catch (TerraformSyntaxException e) {
            assertThat(e.getMessage()).startsWith("fuzz.tf:").contains("HCL syntax");
            assertThat(e.line()).isGreaterThanOrEqualTo(0);
        }
    }

    @Property(tries = 300)
    void aValidFileWithOneCutOrInsertionIsParsedOrRefusedCleanly(@ForAll("mutations") String text) {
        try {
            HclReader.blocks("fuzz.tf", text);
        } catch (TerraformSyntaxException e) {
            assertThat(e.getMessage()).startsWith("fuzz.tf:");
        }
    }

    @Property(tries = 100)
    void anImportOfGarbageEndsInASyntaxOrInputErrorOrATopology(@ForAll("mutations") String text) throws Exception {
        Path dir = Files.createTempDirectory("fuzz");
        try {
            Files.writeString(dir.resolve("main.tf"), text);
            try {
                ImportResult result = TerraformImporter.read(dir, ImportOptions.defaults());
                assertThat(result.yaml()).isNotBlank();
            } catch (TerraformSyntaxException | TerraformInputException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        } finally {
            Files.deleteIfExists(dir.resolve("main.tf"));
            Files.deleteIfExists(dir);
        }
    }

    @Property(tries = 200)
    void anyJsonTextIsReadOrRefusedCleanly(@ForAll("jsonish") String text) {
        try {
            PlanJsonReader.parse("fuzz.json", text);
        } catch (TerraformSyntaxException | TerraformInputException e) {
            assertThat(e.getMessage()).contains("fuzz.json");
        }
    }

    @Provide
    Arbitrary<String> hclish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]()\"=$#/*<>-\n abcxyz_.0123,:?!%\\").ofMaxLength(120));
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> insert = Arbitraries.strings().withChars("{}[]()\"=$#\n x<").ofMinLength(1).ofMaxLength(3);
        return Arbitraries.oneOf(
                at.flatMap(i -> Arbitraries.integers().between(1, 40).map(n -> VALID.substring(0, i) + VALID.substring(Math.min(VALID.length(), i + n)))),
                at.flatMap(i -> insert.map(s -> VALID.substring(0, i) + s + VALID.substring(i))));
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]\":,0123 abtrufnl\n").ofMaxLength(100),
                Arbitraries.strings().ofMaxLength(100).map(s -> "{\"planned_values\": {\"root_module\": {\"resources\": [" + s + "]}}}"),
                Arbitraries.of("{\"planned_values\": {\"root_module\": {\"resources\": [{\"address\": 1, \"values\": []}]}}}",
                        "{\"values\": null}", "[]", "null", "{\"planned_values\": 3}"));
    }
}
