package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Guards the shape of the hook's fast path, which the JIT's inlining decisions depend on: over
 * 35 bytes of bytecode it is not inlined where it is not yet hot, and with an operand stack
 * deeper than 3 C1 refuses to inline it into Chicory's loop ("callee uses too much stack");
 * either left the loop compiled 6 % slower with nothing armed (docs/performance.md, "The hook").
 */
class InstructionHookShapeTest {
    @Test
    void onExecutionStaysSmallEnoughForBothJitTiersToInline() throws IOException {
        int[] codeLengthAndMaxStack = code(InstructionHook.class, "onExecution");

        assertThat(codeLengthAndMaxStack[0]).as("bytes of bytecode").isLessThanOrEqualTo(35);
        assertThat(codeLengthAndMaxStack[1]).as("max stack").isLessThanOrEqualTo(3);
    }

    /** Code length and max stack of the one method named {@code name}, read from the class file. */
    private static int[] code(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            var data = new DataInputStream(in);
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
            int methods = data.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                data.skipBytes(2);
                String method = utf8[data.readUnsignedShort()];
                data.skipBytes(2); // descriptor
                int attributes = data.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[data.readUnsignedShort()];
                    int length = data.readInt();
                    if (method.equals(name) && attribute.equals("Code")) {
                        int maxStack = data.readUnsignedShort();
                        data.readUnsignedShort(); // max locals
                        return new int[] {data.readInt(), maxStack};
                    }
                    data.skipBytes(length);
                }
            }
            throw new IOException("no method " + name + " in " + type);
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
}
