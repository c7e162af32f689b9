package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        ClassFile hook = ClassFile.of(InstructionHook.class);

        assertThat(hook.codeLength("onExecution")).as("bytes of bytecode").isLessThanOrEqualTo(35);
        assertThat(hook.maxStack("onExecution")).as("max stack").isLessThanOrEqualTo(3);
    }
}
