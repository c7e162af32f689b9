package io.github.chicorygdbstub.it;

import java.nio.file.Path;

/**
 * What one debugger run left behind: its exit code, everything it printed, the packet log it
 * wrote (empty if it wrote none) and the empty directory it ran in.
 */
record ClientRun(int exitCode, String output, String packetLog, Path directory) {}
