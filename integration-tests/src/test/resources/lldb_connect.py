"""What the tests' Python scripts share: connecting LLDB's Python API to the server, in async
mode, and waiting for the process to reach a state.

The scripts are run as `SCRIPT PORT PLUGIN ...`, PLUGIN being the process plugin to connect with
("wasm" for LLDB 22's), empty for LLDB's default (gdb-remote).
"""
import sys
import time

import lldb


class Connection:
    def __init__(self, port, plugin, packet_log=None):
        # The debugger and target are kept: the process lives only as long as they do.
        self.debugger = lldb.SBDebugger.Create(False)
        self.debugger.SetAsync(True)
        if packet_log:
            self.debugger.HandleCommand("log enable -T -f %s gdb-remote packets" % packet_log)
        self.target = self.debugger.CreateTarget("")
        self.listener = self.debugger.GetListener()
        error = lldb.SBError()
        self.process = self.target.ConnectRemote(self.listener, "connect://127.0.0.1:%d" % port, plugin or None,
                                                 error)
        if not error.Success():
            sys.exit("connect failed: %s" % error)
        self.await_state(lldb.eStateStopped)

    def await_state(self, wanted, timeout=30.0):
        # The public state only changes as events are pulled.
        event = lldb.SBEvent()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.listener.WaitForEvent(1, event) and lldb.SBProcess.EventIsProcessEvent(event):
                if lldb.SBProcess.GetStateFromEvent(event) == wanted:
                    return
        if self.process.GetState() != wanted:
            sys.exit("timed out waiting for state %d, state is %d" % (wanted, self.process.GetState()))


def connect(packet_log=None):
    """Connects to the PORT and with the PLUGIN of the command line; returns the stopped Connection."""
    return Connection(int(sys.argv[1]), sys.argv[2], packet_log)
