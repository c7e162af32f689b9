"""Interrupts a running guest through LLDB's Python API, like `process interrupt` does.

Usage: lldb_interrupt.py PORT PLUGIN PACKET_LOG ROUNDS
Prints one line per stop: "stop <ms> <stop description> <file>:<line>".
"""
import os
import sys
import time

import lldb

from lldb_connect import connect


def main():
    packet_log, rounds = sys.argv[3], int(sys.argv[4])
    connection = connect(packet_log)
    process = connection.process
    print("connected", flush=True)
    for _ in range(rounds):
        process.Continue()
        connection.await_state(lldb.eStateRunning)
        started = time.monotonic()
        process.SendAsyncInterrupt()
        connection.await_state(lldb.eStateStopped)
        elapsed_ms = (time.monotonic() - started) * 1000
        thread = process.GetSelectedThread()
        line = thread.GetFrameAtIndex(0).GetLineEntry()
        print("stop %.1f %s %s:%d" % (elapsed_ms, thread.GetStopDescription(100),
                                      os.path.basename(str(line.GetFileSpec())), line.GetLine()), flush=True)
    process.Kill()
    print("killed", flush=True)


main()
