package io.pilotlight.terraform.hcl;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import io.pilotlight.terraform.TerraformSyntaxException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hcl4j's lexer, which builds the symbol tree with lines and columns. Its public {@code HCLParser} evaluates
 * the tree as it goes (an unset variable silently becomes null, a conditional picks a branch), which would
 * guess values; so the tree is taken from the lexer itself, which hcl4j keeps package-private: reached by
 * reflection here, in one place. The lexer prints debugging lines on standard output ("Operation Matched");
 * they are swallowed while it runs.
 */
final class Lexer {
    private static final Pattern POSITION = Pattern.compile("line: (\\d+) col: (\\d+)");
    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private Lexer() {
    }

    @SuppressWarnings("unchecked")
    static synchronized List<Symbol> symbols(String file, String text) throws TerraformSyntaxException {
        PrintStream out = System.out;
        try {
            Class<?> lexerClass = Class.forName("com.bertramlabs.plugins.hcl4j.HCLLexer");
            Constructor<?> constructor = lexerClass.getDeclaredConstructor(java.io.Reader.class);
            constructor.setAccessible(true);
            Object lexer = constructor.newInstance(new StringReader(text));
            Method lex = lexerClass.getMethod("yylex");
            lex.setAccessible(true);
            Field stack = lexerClass.getField("elementStack");
            stack.setAccessible(true);
            System.setOut(DISCARD);
            lex.invoke(lexer);
            return List.copyOf((List<Symbol>) stack.get(lexer));
        } catch (InvocationTargetException e) {
            throw syntaxError(file, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("hcl4j's lexer is not where this version expects it (hcl4j 0.9.4): " + e, e);
        } finally {
            System.setOut(out);
        }
    }

    private static TerraformSyntaxException syntaxError(String file, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Matcher at = POSITION.matcher(message);
        int line = 0;
        int column = 0;
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2));
        }
        String problem = cause instanceof HCLParserException
                ? message.replaceAll("\\s*found on line: \\d+ col: \\d+", "").replaceAll("\\s+- state: \\d+", "")
                : "the HCL lexer failed (" + cause.getClass().getSimpleName() + "): " + message;
        return new TerraformSyntaxException(file, line, column, "HCL syntax: " + problem.replace("\n", "\\n").replace("\r", "\\r"));
    }
}
