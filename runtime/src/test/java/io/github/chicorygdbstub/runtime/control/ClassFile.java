package io.github.chicorygdbstub.runtime.control;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Just enough of a compiled class for the tests that guard its shape: the strings of its constant
 * pool (class names and descriptors among them) and each method's code length and max stack.
 */
final class ClassFile {
    private final List<String> strings;
    /** Method name → {code length, max stack}; of one method only per name, the last one read. */
    private final Map<String, int[]> code;

    private ClassFile(List<String> strings, Map<String, int[]> code) {
        this.strings = strings;
        this.code = code;
    }

    /** Reads the class file of {@code type}, a class of this package (a nested one too). */
    static ClassFile of(Class<?> type) throws IOException {
        String file = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = type.getResourceAsStream(file)) {
            var data = new DataInputStream(Objects.requireNonNull(in, type.getName()));
            data.readInt(); // magic
            data.readInt(); // minor and major version
            int count = data.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = data.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = data.readUTF();
                    case 7, 8, 16, 19, 20 -> data.skipBytes(2);
                    case 15 -> data.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
                    case 5, 6 -> {
                        data.skipBytes(8);
                        i++; // longs and doubles take two entries
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            data.skipBytes(6); // access flags, this class, super class
            data.skipBytes(2 * data.readUnsignedShort()); // interfaces
            skipMembers(data); // fields
            Map<String, int[]> code = new HashMap<>();
            int methods = data.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                data.skipBytes(2);
                String method = utf8[data.readUnsignedShort()];
                data.skipBytes(2); // descriptor
                int attributes = data.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[data.readUnsignedShort()];
                    int length = data.readInt();
                    if (attribute.equals("Code")) {
                        int maxStack = data.readUnsignedShort();
                        data.readUnsignedShort(); // max locals
                        int codeLength = data.readInt();
                        code.put(method, new int[] {codeLength, maxStack});
                        data.skipBytes(length - 8);
                    } else {
                        data.skipBytes(length);
                    }
                }
            }
            var strings = new ArrayList<String>();
            for (String s : utf8) {
                if (s != null) {
                    strings.add(s);
                }
            }
            return new ClassFile(List.copyOf(strings), code);
        }
    }

    private static void skipMembers(DataInputStream data) throws IOException {
        int members = data.readUnsignedShort();
        for (int m = 0; m < members; m++) {
            data.skipBytes(6);
            int attributes = data.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                data.skipBytes(2);
                data.skipBytes(data.readInt());
            }
        }
    }

    /** {@return the UTF-8 strings of the constant pool: names, descriptors, string literals} */
    List<String> strings() {
        return strings;
    }

    /** {@return the bytes of bytecode of method {@code name}} */
    int codeLength(String name) throws IOException {
        return method(name)[0];
    }

    /** {@return the operand stack depth method {@code name} needs} */
    int maxStack(String name) throws IOException {
        return method(name)[1];
    }

    private int[] method(String name) throws IOException {
        int[] found = code.get(name);
        if (found == null) {
            throw new IOException("no method " + name);
        }
        return found;
    }
}
