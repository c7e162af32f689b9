package io.github.chicorygdbstub.runtime.locate;

/** The written forms of {@link BreakpointSpec#parse(String)}. */
final class SpecParser {
    private static final String FORMS = "a function name, FILE:LINE or a module offset such as 0x1a3";

    private SpecParser() {}

    static BreakpointSpec parse(String text) {
        String spec = text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty breakpoint location: give " + FORMS);
        }
        if (spec.startsWith("0x") || spec.startsWith("0X")) {
            return offset(spec);
        }
        if (isDecimal(spec)) {
            throw new IllegalArgumentException("'" + spec + "' is ambiguous: write FILE:" + spec + " for a line, or 0x"
                    + spec + " for a module offset");
        }
        int colon = spec.lastIndexOf(':');
        boolean qualifiedName = colon > 0 && spec.charAt(colon - 1) == ':';
        if (colon < 0 || qualifiedName) {
            return new BreakpointSpec.FunctionName(spec);
        }
        return sourceLine(spec, colon);
    }

    private static BreakpointSpec offset(String spec) {
        String digits = spec.substring(2);
        if (digits.isEmpty() || !digits.chars().allMatch(SpecParser::isHexDigit)) {
            throw new IllegalArgumentException("'" + spec + "' is not a module offset: 0x must be followed by hexadecimal"
                    + " digits only");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        long value = significant.length() > 8 ? Long.MAX_VALUE : Long.parseLong(significant, 16);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + spec + "' is past 0x7fffffff, the largest module offset");
        }
        return new BreakpointSpec.ModuleOffset((int) value);
    }

    private static BreakpointSpec sourceLine(String spec, int colon) {
        String file = spec.substring(0, colon).strip();
        String number = spec.substring(colon + 1).strip();
        if (file.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' names no file before the colon: write FILE:LINE");
        }
        if (!isDecimal(number)) {
            throw new IllegalArgumentException("'" + spec + "': the line after the colon must be a decimal number, not '"
                    + number + "'; write FILE:LINE");
        }
        int previous = file.lastIndexOf(':');
        if (previous >= 0 && isDecimal(file.substring(previous + 1).strip())) {
            throw new IllegalArgumentException("'" + spec + "': columns are not supported; write FILE:LINE");
        }
        String significant = number.replaceFirst("^0+(?=.)", "");
        long line = significant.length() > 10 ? Long.MAX_VALUE : Long.parseLong(significant);
        if (line < 1 || line > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + spec + "': line " + number + " is out of range (lines start at 1)");
        }
        return new BreakpointSpec.SourceLine(file, (int) line);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Whether text is ASCII decimal digits only (Character.isDigit would take other scripts' digits too). */
    private static boolean isDecimal(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
