package io.pilotlight.terraform.hcl;

import io.pilotlight.terraform.TerraformSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The structural errors hcl4j's lexer lets through (it accepts an unclosed block or a stray brace): brackets
 * that do not pair, strings and comments that never end. Knows strings, interpolations, comments and heredocs.
 */
final class SyntaxCheck {
    private record Open(char bracket, int line, int column) {
    }

    private final String file;
    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private SyntaxCheck(String file, String text) {
        this.file = file;
        this.text = text;
    }

    static void check(String file, String text) throws TerraformSyntaxException {
        new SyntaxCheck(file, text).run();
    }

    private void run() throws TerraformSyntaxException {
        Deque<Open> open = new ArrayDeque<>();
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '#' || (c == '/' && peek(1) == '/')) {
                skipLine();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '"') {
                string();
            } else if (c == '<' && peek(1) == '<' && heredocStart()) {
                continue;
            } else if (c == '{' || c == '[' || c == '(') {
                open.push(new Open(c, line, column));
                advance();
            } else if (c == '}' || c == ']' || c == ')') {
                if (open.isEmpty()) {
                    throw error(line, column, "unexpected '" + c + "': nothing is open here");
                }
                Open top = open.pop();
                if (closing(top.bracket()) != c) {
                    throw error(line, column, "'" + c + "' closes '" + top.bracket() + "' opened at " + top.line() + ":" + top.column()
                            + "; expected '" + closing(top.bracket()) + "'");
                }
                advance();
            } else if (c == 0) {
                throw error(line, column, "a NUL byte: this is not a text file");
            } else {
                advance();
            }
        }
        if (!open.isEmpty()) {
            Open top = open.peek();
            throw error(top.line(), top.column(), "'" + top.bracket() + "' is never closed (expected '" + closing(top.bracket())
                    + "' before the end of the file)");
        }
    }

    private static char closing(char bracket) {
        return switch (bracket) {
            case '{' -> '}';
            case '[' -> ']';
            default -> ')';
        };
    }

    private char peek(int ahead) {
        int at = index + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }

    private void skipLine() {
        while (index < text.length() && text.charAt(index) != '\n') {
            advance();
        }
    }

    private void blockComment() throws TerraformSyntaxException {
        int startLine = line;
        int startColumn = column;
        advance();
        advance();
        while (index < text.length() && !(text.charAt(index) == '*' && peek(1) == '/')) {
            advance();
        }
        if (index >= text.length()) {
            throw error(startLine, startColumn, "comment /* is never closed with */");
        }
        advance();
        advance();
    }

    /** A quoted string; interpolations ${...} may hold strings of their own. */
    private void string() throws TerraformSyntaxException {
        int startLine = line;
        int startColumn = column;
        advance();
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '\\') {
                advance();
                if (index < text.length()) {
                    advance();
                }
            } else if (c == '"') {
                advance();
                return;
            } else if (c == '\n') {
                throw error(startLine, startColumn, "string is not closed before the end of the line");
            } else if ((c == '$' || c == '%') && peek(1) == '{') {
                advance();
                interpolation(startLine, startColumn);
            } else {
                advance();
            }
        }
        throw error(startLine, startColumn, "string is never closed");
    }

    private void interpolation(int stringLine, int stringColumn) throws TerraformSyntaxException {
        int depth = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    advance();
                    return;
                }
            } else if (c == '"') {
                string();
                continue;
            }
            advance();
        }
        throw error(stringLine, stringColumn, "interpolation ${ is never closed");
    }

    /** {@code <<EOT} or {@code <<-EOT}: skip to the line holding only the marker. */
    private boolean heredocStart() throws TerraformSyntaxException {
        int at = index + 2;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int markerStart = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (at == markerStart) {
            return false;
        }
        String marker = text.substring(markerStart, at);
        int startLine = line;
        int startColumn = column;
        while (index < at) {
            advance();
        }
        skipLine();
        while (index < text.length()) {
            advance(); // the newline
            int lineStart = index;
            skipLine();
            if (text.substring(lineStart, index).strip().equals(marker)) {
                return true;
            }
        }
        throw error(startLine, startColumn, "heredoc <<" + marker + " is never closed by a line holding " + marker);
    }

    private TerraformSyntaxException error(int atLine, int atColumn, String problem) {
        return new TerraformSyntaxException(file, atLine, atColumn, "HCL syntax: " + problem);
    }
}
