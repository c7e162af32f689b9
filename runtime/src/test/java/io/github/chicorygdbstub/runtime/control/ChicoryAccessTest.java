package io.github.chicorygdbstub.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.dylibso.chicory.runtime.StackFrame;
import com.dylibso.chicory.wasm.types.FunctionBody;
import java.io.IOException;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Guards the reach into Chicory internals: an upgrade must fail here, loudly. */
class ChicoryAccessTest {
    private static final Module RUNTIME = ChicoryAccess.class.getModule();
    private static final Module CLASS_PATH = ClassLoader.getSystemClassLoader().getUnnamedModule();
    private static final Pattern PROJECT_CLASS = Pattern.compile("io/github/chicorygdbstub/[\\w/$]+");

    @Test
    void theChicoryLoadedIsTheVerifiedOne() {
        assertThat(ChicoryAccess.chicoryVersion()).isEqualTo(ChicoryAccess.VERIFIED_CHICORY_VERSION);
        assertThatCode(ChicoryAccess::selfCheck).doesNotThrowAnyException();
        assertThatCode(InterpreterProbe::verify).doesNotThrowAnyException();
    }

    @Test
    void itIsALeafThatNamesNoOtherClassOfTheProject() throws IOException, ClassNotFoundException {
        String self = ChicoryAccess.class.getName().replace('.', '/');
        // Loaded, not initialised: its initialiser would resolve the handles.
        var handles = Class.forName(self.replace('/', '.') + "$Handles", false, ChicoryAccess.class.getClassLoader());
        for (Class<?> type : List.of(ChicoryAccess.class, handles)) {
            List<String> named = ClassFile.of(type).strings().stream()
                    .flatMap(constant -> PROJECT_CLASS.matcher(constant).results().map(MatchResult::group))
                    .distinct().toList();

            assertThat(named).as("the project's classes that %s names", type.getName())
                    .isSubsetOf(self, self + "$Handles");
        }
    }

    @Test
    void theseTestsRunOnTheModulePathWithChicorysPackagesOpenedToTheRuntimeOnly() {
        assertThat(RUNTIME.getName()).isEqualTo("io.github.chicorygdbstub.runtime");
        assertThat(StackFrame.class.getModule().getName()).isEqualTo("com.dylibso.chicory.runtime");
        assertThat(FunctionBody.class.getModule().getName()).isEqualTo("com.dylibso.chicory.wasm");
        assertThat(ChicoryAccess.closedTo(RUNTIME)).as("opened by the pom's chicory.addOpens").isEmpty();
        assertThat(ChicoryAccess.closedTo(CLASS_PATH)).containsExactly(StackFrame.class, FunctionBody.class);
    }

    @Test
    void theMessageNamesEachClosedPackageAndTheOptionThatOpensIt() {
        assertThat(ChicoryAccess.closedPackagesMessage(ChicoryAccess.REACHED_PACKAGES, RUNTIME)).isEqualTo(
                "The debugger cannot reach Chicory's interpreter internals: package com.dylibso.chicory.runtime of"
                        + " module com.dylibso.chicory.runtime and package com.dylibso.chicory.wasm.types of module"
                        + " com.dylibso.chicory.wasm are not open to module io.github.chicorygdbstub.runtime. Start"
                        + " the JVM with --add-opens com.dylibso.chicory.runtime/com.dylibso.chicory.runtime"
                        + "=io.github.chicorygdbstub.runtime --add-opens"
                        + " com.dylibso.chicory.wasm/com.dylibso.chicory.wasm.types=io.github.chicorygdbstub.runtime"
                        + " (docs/embedding.md, \"Class path and module path\")");
        assertThat(ChicoryAccess.closedPackagesMessage(List.of(FunctionBody.class), CLASS_PATH)).isEqualTo(
                "The debugger cannot reach Chicory's interpreter internals: package com.dylibso.chicory.wasm.types of"
                        + " module com.dylibso.chicory.wasm is not open to the class path. Start the JVM with"
                        + " --add-opens com.dylibso.chicory.wasm/com.dylibso.chicory.wasm.types=ALL-UNNAMED"
                        + " (docs/embedding.md, \"Class path and module path\")");
    }
}
