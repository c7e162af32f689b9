/**
 * The GDB remote serial protocol server over the runtime's {@code Debuggee}
 * ({@link io.github.chicorygdbstub.server.GdbStubServer}), and the command-line program
 * ({@code io.github.chicorygdbstub.cli.Main}).
 */
module io.github.chicorygdbstub.gdbstub {
    requires transitive io.github.chicorygdbstub.runtime;
    // Transitive: the exported codec and session packages have Netty types in their signatures
    // (ByteBuf, channel handlers), as they do on the class path.
    requires transitive io.netty.common;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires transitive io.netty.codec;
    requires org.slf4j;
    // The CLI's logging backend, optional as in the pom: an application brings its own binding.
    // `chicory-gdbstub compile` only; the cli jar has it.
    requires static io.github.chicorygdbstub.buildtime;
    requires static com.dylibso.chicory.compiler;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    // Not jdk.incubator.vector, which codec.VectorHex uses: javac would warn of an incubating
    // module in every application module that requires this one. codec.Hex adds the read edge
    // when the JVM was started with --add-modules jdk.incubator.vector; the pom's compiler and
    // Surefire arguments add it for the build.

    exports io.github.chicorygdbstub.address;
    exports io.github.chicorygdbstub.cli;
    exports io.github.chicorygdbstub.codec;
    exports io.github.chicorygdbstub.compiled;
    exports io.github.chicorygdbstub.documents;
    exports io.github.chicorygdbstub.packets;
    exports io.github.chicorygdbstub.server;
    exports io.github.chicorygdbstub.session;
}
