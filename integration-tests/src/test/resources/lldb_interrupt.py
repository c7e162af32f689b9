"""Interrupts a running guest through LLDB's Python API, like `process interrupt` does.

Usage: lldb_interrupt.py PORT PACKET_LOG ROUNDS [PLUGIN]
PLUGIN is the process plugin to connect with ("wasm" for LLDB 22's); LLDB's default otherwise.
Prints one line per stop: "stop <ms> <stop description> <file>:<line>".
"""
import os
import sys
import time

import lldb


def main():
    port, packet_log, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    plugin = sys.argv[4] if len(sys.argv) > 4 else None
    debugger = lldb.SBDebugger.Create(False)
    debugger.SetAsync(True)
    debugger.HandleCommand("log enable -T -f %s gdb-remote packets" % packet_log)
    target = debugger.CreateTarget("")
    listener = debugger.GetListener()
    error = lldb.SBError()
    process = target.ConnectRemote(listener, "connect://127.0.0.1:%d" % port, plugin, error)
    if not error.Success():
        sys.exit("connect failed: %s" % error)

    def await_state(wanted, timeout=30.0):
        # The public state only changes as events are pulled.
        event = lldb.SBEvent()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if listener.WaitForEvent(1, event) and lldb.SBProcess.EventIsProcessEvent(event):
                if lldb.SBProcess.GetStateFromEvent(event) == wanted:
                    return
        if process.GetState() != wanted:
            sys.exit("timed out waiting for state %d, state is %d" % (wanted, process.GetState()))

    await_state(lldb.eStateStopped)
    print("connected", flush=True)
    for _ in range(rounds):
        process.Continue()
        await_state(lldb.eStateRunning)
        started = time.monotonic()
        process.SendAsyncInterrupt()
        await_state(lldb.eStateStopped)
        elapsed_ms = (time.monotonic() - started) * 1000
        thread = process.GetSelectedThread()
        line = thread.GetFrameAtIndex(0).GetLineEntry()
        print("stop %.1f %s %s:%d" % (elapsed_ms, thread.GetStopDescription(100),
                                      os.path.basename(str(line.GetFileSpec())), line.GetLine()), flush=True)
    process.Kill()
    print("killed", flush=True)


main()
