package io.pilotlight.terraform.hcl;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.pilotlight.terraform.TerraformInputException;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Configuration;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads .tf files (a directory's, sorted by name, as Terraform loads them) and .tfvars files with hcl4j. */
public final class HclReader {
    private HclReader() {
    }

    /** Every block of every {@code .tf} file of a directory, or of one {@code .tf} file. */
    public static Configuration configuration(Path path) throws TerraformSyntaxException, TerraformInputException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(p -> p.getFileName().toString().endsWith(".tf") && Files.isRegularFile(p)).sorted().toList();
            } catch (IOException e) {
                throw new TerraformInputException("cannot list " + path + ": " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new TerraformInputException(path + " holds no .tf file; give a Terraform configuration directory,"
                        + " a .tf file, or the output of terraform show -json");
            }
        } else {
            files = List.of(path);
        }
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            blocks.addAll(blocks(file.toString(), read(file)));
        }
        return new Configuration(path.toString(), blocks);
    }

    /** The blocks of one file's text. */
    public static List<Block> blocks(String file, String text) throws TerraformSyntaxException {
        SyntaxCheck.check(file, text);
        SymbolConverter converter = new SymbolConverter(file, new SourceIndex(text));
        List<Block> blocks = new ArrayList<>();
        for (Symbol symbol : Lexer.symbols(file, text)) {
            if (symbol instanceof HCLBlock block) {
                blocks.add(converter.block(block, 1));
            } else if (symbol instanceof HCLAttribute attribute) {
                Attribute converted = converter.attribute(attribute, 1);
                blocks.add(new Block("attribute", List.of(converted.name()), Map.of(converted.name(), converted), List.of(),
                        converted.origin()));
            }
        }
        return blocks;
    }

    /** The top-level attributes of a .tfvars file. */
    public static Map<String, Attribute> tfvars(Path file) throws TerraformSyntaxException, TerraformInputException {
        Map<String, Attribute> out = new LinkedHashMap<>();
        for (Block block : blocks(file.toString(), read(file))) {
            if (!block.type().equals("attribute")) {
                throw new TerraformSyntaxException(file.toString(), block.origin().line(), 1,
                        "a .tfvars file holds only name = value lines, found a block " + block.type());
            }
            out.putAll(block.attributes());
        }
        return out;
    }

    static String read(Path file) throws TerraformInputException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TerraformInputException(file + " is not UTF-8 text (Terraform files are UTF-8)");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TerraformInputException(file + ": no such file");
        } catch (IOException e) {
            throw new TerraformInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
