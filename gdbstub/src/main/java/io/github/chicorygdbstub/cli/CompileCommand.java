package io.github.chicorygdbstub.cli;

import com.dylibso.chicory.compiler.InterpreterFallback;
import io.github.chicorygdbstub.buildtime.CompileResult;
import io.github.chicorygdbstub.buildtime.CompiledJar;
import io.github.chicorygdbstub.buildtime.DebuggableCompiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code chicory-gdbstub compile MODULE.wasm --name NAME -o JAR}: a jar with Chicory's
 * build-time-compiled classes for the module plus its original, embedded for debugging; the same
 * work as the Maven goal. The application runs it as any compiled module, and
 * {@code chicory-gdbstub --class-path JAR --compiled NAME} debugs it.
 */
final class CompileCommand {
    private static final String PROGRAM = "chicory-gdbstub compile: ";
    private static final String USAGE = """
            Usage: chicory-gdbstub compile MODULE.wasm --name NAME -o JAR [OPTIONS]

            Compiles MODULE.wasm with Chicory's build-time compiler into the class NAME (such as
            com.example.MyModule) and writes JAR: the compiled classes, NAME.meta, and the original
            module embedded byte for byte, so that the debugger can serve it.

            Options:
              --name NAME                 the compiled module's class name (required)
              -o, --output JAR            the jar to write (required)
              --interpreter-fallback F    FAIL (default), WARN or SILENT: what to do with a function
                                          Chicory cannot compile
              --interpreted-functions L   function indices to leave to the interpreter, as 3,7,12
              --without-original          Chicory's output alone: nothing embedded, not debuggable
              -h, --help                  show this help and exit
            """;

    private CompileCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = Request.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(PROGRAM + e.getMessage());
            err.println("Try 'chicory-gdbstub compile --help' for more information.");
            return Main.USAGE_EXIT_CODE;
        }
        if (request == null) {
            out.print(USAGE);
            return 0;
        }
        if (!Files.isRegularFile(request.module)) {
            err.println(PROGRAM + "error: no such file: " + request.module);
            return Main.USAGE_EXIT_CODE;
        }
        try {
            var compiler = DebuggableCompiler.builder(request.module, request.name)
                    .withInterpreterFallback(request.fallback)
                    .withInterpretedFunctions(request.interpreted)
                    .withEmbeddedOriginal(request.embed);
            CompileResult result = CompiledJar.write(compiler, request.output);
            err.println(PROGRAM + "wrote " + request.output + ": " + request.name + " from " + request.module.getFileName()
                    + result.embedded().map(d -> ", original embedded (" + d.originalSize() + " bytes, SHA-256 "
                            + d.originalSha256() + ")").orElse(", without the original"));
            if (!result.interpretedFunctions().isEmpty()) {
                err.println(PROGRAM + "functions left to the interpreter: " + result.interpretedFunctions());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println(PROGRAM + "error: " + e.getMessage());
            return 1;
        }
    }

    /** The command line; {@link #parse} returns null for {@code --help}. */
    static final class Request {
        Path module;
        String name;
        Path output;
        InterpreterFallback fallback = InterpreterFallback.FAIL;
        Set<Integer> interpreted = Set.of();
        boolean embed = true;

        static Request parse(String[] args) {
            var request = new Request();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
                String option = eq < 0 ? arg : arg.substring(0, eq);
                switch (option) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--name" -> request.name = eq < 0 ? value(args, ++i, option) : arg.substring(eq + 1);
                    case "-o", "--output" -> request.output = Path.of(eq < 0 ? value(args, ++i, option)
                            : arg.substring(eq + 1));
                    case "--interpreter-fallback" -> request.fallback = fallback(eq < 0 ? value(args, ++i, option)
                            : arg.substring(eq + 1));
                    case "--interpreted-functions" -> request.interpreted = indices(eq < 0 ? value(args, ++i, option)
                            : arg.substring(eq + 1));
                    case "--without-original" -> request.embed = false;
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + option);
                        }
                        if (request.module != null) {
                            throw new IllegalArgumentException("one module at a time: " + request.module + " and " + arg);
                        }
                        request.module = Path.of(arg);
                    }
                }
            }
            if (request.module == null) {
                throw new IllegalArgumentException("no module given");
            }
            if (request.name == null) {
                throw new IllegalArgumentException("--name NAME is required (the compiled module's class, such as"
                        + " com.example.MyModule)");
            }
            if (request.output == null) {
                throw new IllegalArgumentException("-o JAR is required");
            }
            return request;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static InterpreterFallback fallback(String value) {
            try {
                return InterpreterFallback.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--interpreter-fallback takes FAIL, WARN or SILENT, got '" + value + "'");
            }
        }

        private static Set<Integer> indices(String value) {
            var indices = new TreeSet<Integer>();
            for (String index : value.split(",")) {
                try {
                    indices.add(Integer.valueOf(index.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--interpreted-functions takes indices such as 3,7, got '"
                            + value + "'");
                }
            }
            return indices;
        }
    }
}
