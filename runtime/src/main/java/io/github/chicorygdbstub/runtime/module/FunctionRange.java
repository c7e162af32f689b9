package io.github.chicorygdbstub.runtime.module;

/**
 * A defined function's body in the module image.
 *
 * @param functionIndex index in the module's function index space (imports first)
 * @param name the name from the {@code name} section, or {@code func[N]} when there is none
 * @param bodyStart file offset of the body (its local declarations)
 * @param bodyEnd file offset just past the body's final {@code end}
 * @param firstInstruction file offset of the first instruction (after the local declarations)
 */
public record FunctionRange(int functionIndex, String name, int bodyStart, int bodyEnd, int firstInstruction) {

    /**
     * Whether a file offset lies inside this body.
     *
     * @param offset a file offset
     * @return true if {@code bodyStart <= offset < bodyEnd}
     */
    public boolean contains(int offset) {
        return offset >= bodyStart && offset < bodyEnd;
    }
}
