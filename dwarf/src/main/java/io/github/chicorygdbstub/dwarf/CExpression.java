package io.github.chicorygdbstub.dwarf;

import java.util.ArrayList;
import java.util.List;

/**
 * A C expression over one variable, the kind a debugger user types to look inside it: members
 * ({@code point.x}, {@code path->from}), elements ({@code values[2]}, {@code row[1][0]}),
 * dereferences ({@code *text}), parentheses ({@code (*path).label}) and one {@code &} in front
 * of it all. Parsed into the variable's name and the steps that apply to it in order; nothing
 * else of C (arithmetic, casts, calls) is taken.
 *
 * @param addressOf whether the expression asks for the address of what the steps reach
 * @param variable the one variable the expression starts from
 * @param steps what applies to the variable, innermost first
 */
record CExpression(boolean addressOf, String variable, List<Step> steps) {
    /** One step from an object to another. */
    sealed interface Step permits Member, Element, Dereference {}

    /** {@code .name}, or {@code ->name} when {@code throughPointer}. */
    record Member(String name, boolean throughPointer) implements Step {}

    /** {@code [index]}: an element of an array, or the object {@code index} places after a pointer's. */
    record Element(long index) implements Step {}

    /** {@code *}: what a pointer points to, or an array's first element. */
    record Dereference() implements Step {}

    /** Indexes beyond this are refused: no linear memory holds 4 GiB of elements of even one byte. */
    static final long MAX_INDEX = 1L << 32;

    /** Parentheses and {@code *} nested deeper than this are refused (the parser recurses on them). */
    static final int MAX_NESTING = 64;

    /** @throws IllegalArgumentException naming the column where {@code text} stops being such an expression */
    static CExpression parse(String text) {
        return new Parser(text).expression();
    }

    /** Recursive descent over the text; the grammar is in the class comment of each method. */
    private static final class Parser {
        private final String text;
        private int position;
        private String variable;
        private final List<Step> steps = new ArrayList<>();
        private int nesting;

        Parser(String text) {
            this.text = text;
        }

        /** expression := '&' unary | unary */
        CExpression expression() {
            boolean addressOf = accept("&");
            unary();
            skipSpaces();
            if (position < text.length()) {
                throw error("unexpected '" + text.charAt(position) + "'");
            }
            return new CExpression(addressOf, variable, List.copyOf(steps));
        }

        /** unary := '*' unary | postfix */
        private void unary() {
            if (++nesting > MAX_NESTING) {
                throw error("nesting deeper than " + MAX_NESTING);
            }
            if (accept("*")) {
                unary();
                steps.add(new Dereference());
            } else {
                postfix();
            }
            nesting--;
        }

        /** postfix := primary ( '.' NAME | '->' NAME | '[' INTEGER ']' )* */
        private void postfix() {
            primary();
            while (true) {
                if (accept("->")) {
                    steps.add(new Member(name("a member name after '->'"), true));
                } else if (accept(".")) {
                    steps.add(new Member(name("a member name after '.'"), false));
                } else if (accept("[")) {
                    steps.add(new Element(integer()));
                    expect("]");
                } else {
                    return;
                }
            }
        }

        /** primary := NAME | '(' unary ')' */
        private void primary() {
            if (accept("(")) {
                unary();
                expect(")");
            } else {
                variable = name("a variable name");
            }
        }

        /** A C identifier: ASCII letters, digits and underscores, not starting with a digit. */
        private String name(String what) {
            skipSpaces();
            int start = position;
            while (position < text.length() && (isLetter(text.charAt(position))
                    || (position > start && isDigit(text.charAt(position), 10)))) {
                position++;
            }
            if (position == start) {
                throw error("expected " + what);
            }
            return text.substring(start, position);
        }

        /** A C integer constant, optionally negative: decimal, {@code 0x} hexadecimal or {@code 0} octal. */
        private long integer() {
            skipSpaces();
            int start = position;
            boolean negative = accept("-");
            skipSpaces();
            boolean hex = text.startsWith("0x", position) || text.startsWith("0X", position);
            int radix = hex ? 16 : text.startsWith("0", position) ? 8 : 10;
            int digits = position + (hex ? 2 : 0);
            position = digits;
            while (position < text.length() && isDigit(text.charAt(position), 16)) {
                position++;
            }
            String number = text.substring(digits, position);
            if (number.isEmpty() || !number.chars().allMatch(c -> isDigit((char) c, radix))) {
                position = start;
                throw error(number.isEmpty() ? "expected an index" : "not a base-" + radix + " number");
            }
            long value;
            try {
                value = Long.parseLong(number, radix);
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
            if (value > MAX_INDEX) {
                position = start;
                throw error("index out of range");
            }
            return negative ? -value : value;
        }

        private static boolean isLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        /** An ASCII digit of the radix (Character.digit also takes other scripts' digits). */
        private static boolean isDigit(char c, int radix) {
            return c < 128 && Character.digit(c, radix) >= 0;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw error("expected '" + token + "'");
            }
        }

        private boolean accept(String token) {
            skipSpaces();
            if (text.startsWith(token, position)) {
                position += token.length();
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private IllegalArgumentException error(String message) {
            String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
            return new IllegalArgumentException(message + " at column " + (position + 1) + " of '" + shown + "'");
        }
    }
}
