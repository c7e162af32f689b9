/**
 * A plugin host as an application on the module path writes it (ModulePathTest compiles and runs
 * it): it requires the server module only, and reads the runtime's and Chicory's modules through
 * it, as {@code requires transitive} promises.
 */
module moduleapp {
    requires io.github.chicorygdbstub.gdbstub;
}
