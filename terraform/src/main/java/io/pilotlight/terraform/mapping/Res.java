package io.pilotlight.terraform.mapping;

import io.pilotlight.terraform.Origin;
import io.pilotlight.terraform.config.Block;
import io.pilotlight.terraform.eval.Evaluator;
import io.pilotlight.terraform.eval.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One resource (or one of its nested blocks) with the evaluator of its module: typed reads of its attributes.
 * A read that cannot be resolved is noted as unknown with its place, and comes back empty.
 *
 * @param address e.g. {@code aws_route53_record.primary}, or {@code module.dr.aws_route53_record.primary}
 */
record Res(Block block, Evaluator evaluator, String address, Notes notes) {

    String type() {
        return block.label(0);
    }

    String name() {
        return block.label(1);
    }

    Origin origin() {
        return block.origin();
    }

    Origin at(String attribute) {
        return block.originOf(attribute);
    }

    boolean has(String attribute) {
        return block.attribute(attribute).isPresent();
    }

    Optional<Value> value(String attribute) {
        Value value = evaluator.attribute(block, attribute);
        if (value instanceof Value.Unknown unknown) {
            notes.unknown(address + " " + attribute, unknown);
            return Optional.empty();
        }
        if (value instanceof Value.Known known && known.value() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(value);
    }

    Optional<String> string(String attribute) {
        return value(attribute).flatMap(v -> scalar(v, attribute)).map(o -> o instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString()
                : String.valueOf(o));
    }

    Optional<BigDecimal> number(String attribute) {
        return value(attribute).flatMap(v -> scalar(v, attribute)).flatMap(o -> {
            if (o instanceof BigDecimal number) {
                return Optional.of(number);
            }
            try {
                return Optional.of(new BigDecimal(String.valueOf(o)));
            } catch (NumberFormatException e) {
                notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, address + " " + attribute + ": \"" + o + "\" is not a number",
                        at(attribute));
                return Optional.empty();
            }
        });
    }

    Optional<Integer> integer(String attribute) {
        return number(attribute).map(BigDecimal::intValue);
    }

    Optional<Boolean> bool(String attribute) {
        return value(attribute).flatMap(v -> scalar(v, attribute)).map(o -> o instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(o)));
    }

    /** A reference to another resource ({@code aws_route53_health_check.primary.id}), if the attribute is one. */
    Optional<Value.ResourceRef> ref(String attribute) {
        return value(attribute).filter(Value.ResourceRef.class::isInstance).map(Value.ResourceRef.class::cast);
    }

    /** The items of a list attribute: strings and resource references, the unknown ones noted. */
    List<Value> items(String attribute) {
        List<Value> out = new ArrayList<>();
        value(attribute).ifPresent(v -> v.items().forEach(item -> {
            if (item instanceof Value.Unknown unknown) {
                notes.unknown(address + " " + attribute, unknown);
            } else {
                out.add(item);
            }
        }));
        return out;
    }

    List<String> strings(String attribute) {
        return items(attribute).stream().filter(Value.Known.class::isInstance).map(v -> String.valueOf(((Value.Known) v).value())).toList();
    }

    List<Res> nested(String blockType) {
        return block.blocks(blockType).stream().map(b -> new Res(b, evaluator, address + "." + blockType, notes)).toList();
    }

    Optional<Res> first(String blockType) {
        return nested(blockType).stream().findFirst();
    }

    private Optional<Object> scalar(Value value, String attribute) {
        if (value instanceof Value.Known known && !(known.value() instanceof List) && !(known.value() instanceof java.util.Map)) {
            return Optional.ofNullable(known.value());
        }
        if (value instanceof Value.ResourceRef ref) {
            notes.add(io.pilotlight.terraform.ImportNote.Kind.UNKNOWN, address + " " + attribute + ": " + ref.address() + "."
                    + ref.attribute() + " is computed by Terraform when it runs", at(attribute));
        }
        return Optional.empty();
    }
}
