/**
 * Build-time compilation that keeps the bytecode: runs Chicory's build-time compiler and, next to
 * the classes it generates, embeds the original module byte for byte with a descriptor tying it
 * to the compiled module ({@link io.github.chicorygdbstub.buildtime.DebuggableCompiler}). The
 * Maven goal and {@code chicory-gdbstub compile} are two front ends of it.
 */
module io.github.chicorygdbstub.buildtime {
    requires transitive io.github.chicorygdbstub.runtime;
    requires com.dylibso.chicory.build.time.compiler;
    requires com.dylibso.chicory.compiler;
    requires java.compiler;

    exports io.github.chicorygdbstub.buildtime;
}
