package io.pilotlight.terraform.hcl;

import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedObject;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ComputedTuple;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.GroupedExpression;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Operator;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.PrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.StringInterpolatedExpression;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Variable;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.VariableTree;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.HCLMap;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.TerraformSyntaxException;
import io.pilotlight.terraform.config.Attribute;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.config.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** hcl4j's symbols to the importer's {@link Block}s and {@link Expr}s, keeping every line. */
final class SymbolConverter {
    private final String file;
    private final SourceIndex index;

    SymbolConverter(String file, SourceIndex index) {
        this.file = file;
        this.index = index;
    }

    Block block(HCLBlock symbol, int parentLine) throws TerraformSyntaxException {
        List<String> names = symbol.blockNames == null ? List.of(String.valueOf(symbol.getName())) : symbol.blockNames;
        int line = lineOf(symbol, () -> index.blockLine(names, parentLine));
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        for (Symbol child : symbol.getChildren()) {
            if (child instanceof HCLBlock nested) {
                blocks.add(block(nested, line));
            } else if (child instanceof HCLAttribute attribute) {
                Attribute converted = attribute(attribute, line);
                attributes.put(converted.name(), converted);
            }
        }
        return new Block(names.get(0), names.subList(1, names.size()), attributes, blocks, new Origin(file, line));
    }

    Attribute attribute(HCLAttribute symbol, int parentLine) throws TerraformSyntaxException {
        String name = symbol.getName();
        int line = lineOf(symbol, () -> index.attributeLine(name, parentLine));
        List<Symbol> parts = symbol.getChildren();
        if (parts.isEmpty()) {
            int column = symbol.getColumn() == null ? 1 : symbol.getColumn() + 1;
            throw new TerraformSyntaxException(file, line, column, "HCL syntax: attribute " + name + " has no value after '='");
        }
        Expr expr = parts.size() == 1 ? expr(parts.get(0)) : compound(parts);
        return new Attribute(name, expr, new Origin(file, line));
    }

    private int lineOf(Symbol symbol, java.util.function.IntSupplier fallback) {
        return symbol.getLine() != null ? symbol.getLine() + 1 : fallback.getAsInt();
    }

    private static Expr compound(List<Symbol> parts) {
        boolean conditional = parts.stream().anyMatch(p -> p instanceof Operator && "?".equals(p.getName()));
        return new Expr.Opaque(conditional ? "a conditional expression" : "an expression with operators");
    }

    private Expr expr(Symbol symbol) {
        if (symbol instanceof HCLValue value) {
            return literal(value);
        }
        if (symbol instanceof VariableTree && symbol.getChildren().stream().anyMatch(c -> !(c instanceof Variable))) {
            return traversal(symbol);
        }
        if (symbol instanceof VariableTree || symbol instanceof Variable) {
            return new Expr.Ref(symbol.getName());
        }
        if (symbol instanceof StringInterpolatedExpression) {
            List<Expr> parts = new ArrayList<>();
            flattenTemplate(symbol, parts);
            return new Expr.Template(parts);
        }
        if (symbol instanceof HCLArray) {
            List<Expr> items = new ArrayList<>();
            for (Symbol child : symbol.getChildren()) {
                items.add(expr(child));
            }
            return new Expr.ListOf(items);
        }
        if (symbol instanceof HCLBlock || symbol instanceof HCLMap) {
            Map<String, Expr> entries = new LinkedHashMap<>();
            for (Symbol child : symbol.getChildren()) {
                if (child instanceof HCLAttribute attribute && !attribute.getChildren().isEmpty()) {
                    entries.put(attribute.getName(), attribute.getChildren().size() == 1
                            ? expr(attribute.getChildren().get(0)) : compound(attribute.getChildren()));
                }
            }
            return new Expr.MapOf(entries);
        }
        if (symbol instanceof GroupedExpression && symbol.getChildren().size() == 1) {
            return expr(symbol.getChildren().get(0));
        }
        if (symbol instanceof Function function && "toset".equals(function.getName()) && function.getChildren().size() == 1) {
            return new Expr.ToSet(expr(function.getChildren().get(0)));
        }
        if (symbol instanceof Function function) {
            return new Expr.Opaque("a call of " + function.getName() + "()");
        }
        if (symbol instanceof ComputedTuple || symbol instanceof ComputedObject) {
            return new Expr.Opaque("a for expression");
        }
        if (symbol instanceof PrimitiveType) {
            return new Expr.Opaque("a type constraint");
        }
        return new Expr.Opaque("an expression hcl4j reads as " + symbol.getClass().getSimpleName());
    }

    /** {@code a.b[KEY].c}: hcl4j gives the names as Variables and each index as a one-item array. */
    private Expr traversal(Symbol tree) {
        List<Expr.Step> steps = new ArrayList<>();
        for (Symbol child : tree.getChildren()) {
            if (child instanceof Variable) {
                steps.add(new Expr.Step.Name(child.getName()));
            } else if (child instanceof HCLArray index && index.getChildren().size() == 1 && !(index.getChildren().get(0) instanceof Operator)) {
                steps.add(new Expr.Step.Index(expr(index.getChildren().get(0))));
            } else if (child instanceof HCLArray) {
                steps.add(new Expr.Step.Splat());
            } else {
                return new Expr.Opaque("a traversal hcl4j reads as " + child.getClass().getSimpleName());
            }
        }
        return new Expr.Traversal(steps);
    }

    private void flattenTemplate(Symbol symbol, List<Expr> parts) {
        for (Symbol child : symbol.getChildren()) {
            if (child instanceof Operator) {
                continue;
            }
            if (child instanceof StringInterpolatedExpression) {
                flattenTemplate(child, parts);
            } else {
                parts.add(expr(child));
            }
        }
    }

    private static Expr literal(HCLValue value) {
        Object raw = value.value;
        if (raw == null || "null".equals(value.type)) {
            return new Expr.Literal(null);
        }
        return switch (String.valueOf(value.type)) {
            case "number" -> {
                try {
                    yield new Expr.Literal(new BigDecimal(raw.toString()));
                } catch (NumberFormatException e) {
                    yield new Expr.Opaque("a number hcl4j could not read: " + raw);
                }
            }
            case "boolean" -> new Expr.Literal(Boolean.valueOf(raw.toString()));
            default -> new Expr.Literal(raw.toString());
        };
    }
}
