"""Lists the memory regions through LLDB's Python API (SBProcess.GetMemoryRegions), which walks
the whole 64-bit space with qMemoryRegionInfo, one answer's end being the next question.

Usage: lldb_regions.py PORT PLUGIN
Prints "regions <count>", one "region <start> <end> <rwx> <name>" line per mapped region, then
"detached".
"""
import sys
import time

import lldb


def main():
    port, plugin = int(sys.argv[1]), sys.argv[2]
    debugger = lldb.SBDebugger.Create(False)
    debugger.SetAsync(True)
    target = debugger.CreateTarget("")
    listener = debugger.GetListener()
    error = lldb.SBError()
    process = target.ConnectRemote(listener, "connect://127.0.0.1:%d" % port, plugin, error)
    if not error.Success():
        sys.exit("connect failed: %s" % error)
    # The public state only changes as events are pulled.
    event = lldb.SBEvent()
    deadline = time.monotonic() + 30
    while process.GetState() != lldb.eStateStopped and time.monotonic() < deadline:
        listener.WaitForEvent(1, event)
    if process.GetState() != lldb.eStateStopped:
        sys.exit("not stopped after connecting: state %d" % process.GetState())

    regions = process.GetMemoryRegions()
    print("regions %d" % regions.GetSize(), flush=True)
    info = lldb.SBMemoryRegionInfo()
    for i in range(regions.GetSize()):
        regions.GetMemoryRegionAtIndex(i, info)
        rwx = "".join(flag if on else "-" for flag, on in
                      (("r", info.IsReadable()), ("w", info.IsWritable()), ("x", info.IsExecutable())))
        print("region 0x%016x 0x%016x %s %s" % (info.GetRegionBase(), info.GetRegionEnd(), rwx, info.GetName()),
              flush=True)
    process.Detach()
    print("detached", flush=True)


main()
