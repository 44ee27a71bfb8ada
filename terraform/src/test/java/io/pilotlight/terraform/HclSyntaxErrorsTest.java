package io.pilotlight.terraform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlight.terraform.hcl.HclReader;
import org.junit.jupiter.api.Test;

/** HCL syntax errors name file:line:column; hcl4j's lexer alone lets several of them through. */
class HclSyntaxErrorsTest {

    @Test
    void anUnclosedBlockNamesWhereItOpened() {
        assertThatThrownBy(() -> HclReader.blocks("main.tf", "resource \"a\" \"b\" {\n  x = 1\n"))
                .isInstanceOf(TerraformSyntaxException.class)
                .hasMessage("main.tf:1:18: HCL syntax: '{' is never closed (expected '}' before the end of the file)");
    }

    @Test
    void aStrayClosingBraceIsAnError() {
        assertThatThrownBy(() -> HclReader.blocks("main.tf", "x = 1\n}\n"))
                .isInstanceOf(TerraformSyntaxException.class).hasMessage("main.tf:2:1: HCL syntax: unexpected '}': nothing is open here");
    }

    @Test
    void mismatchedBracketsNameBoth() {
        assertThatThrownBy(() -> HclReader.blocks("main.tf", "x = [1, 2}\n"))
                .isInstanceOf(TerraformSyntaxException.class).hasMessageContaining("main.tf:1:10").hasMessageContaining("opened at 1:5");
    }

    @Test
    void anUnterminatedStringNamesItsStart() {
        assertThatThrownBy(() -> HclReader.blocks("dns.tf", "resource \"a\" \"b\" {\n  name = \"api.example.com\n}\n"))
                .isInstanceOf(TerraformSyntaxException.class).hasMessageStartingWith("dns.tf:2:10: HCL syntax: string is not closed");
    }

    @Test
    void anAttributeWithoutValueIsAnError() {
        assertThatThrownBy(() -> HclReader.blocks("main.tf", "resource \"a\" \"b\" {\n  ttl =\n}\n"))
                .isInstanceOf(TerraformSyntaxException.class).hasMessageStartingWith("main.tf:2:").hasMessageContaining("ttl has no value");
    }

    @Test
    void bracesInsideStringsCommentsAndHeredocsDoNotCount() throws Exception {
        HclReader.blocks("main.tf", """
                # a { comment
                // another }
                /* and { a block comment */
                resource "a" "b" {
                  s = "not a { brace ${var.x} }"
                  h = <<EOT
                }}} {
                EOT
                }
                """);
    }
}
