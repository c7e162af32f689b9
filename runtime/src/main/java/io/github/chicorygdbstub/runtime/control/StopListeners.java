package io.github.chicorygdbstub.runtime.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The listeners of stops and of the guest's end, called in order on the thread that stops (or
 * ends the guest); one that throws is logged and the others are still called. Added and removed
 * from any thread, without the controller's lock.
 */
final class StopListeners {
    private final List<Consumer<StopEvent>> listeners = new CopyOnWriteArrayList<>();

    void add(Consumer<StopEvent> listener) {
        listeners.add(listener);
    }

    void remove(Consumer<StopEvent> listener) {
        listeners.remove(listener);
    }

    void deliver(StopEvent event) {
        for (Consumer<StopEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ExecutionController.class).warn("stop listener failed on {}", event, e);
            }
        }
    }
}
