"""Lists the memory regions through LLDB's Python API (SBProcess.GetMemoryRegions), which walks
the whole 64-bit space with qMemoryRegionInfo, one answer's end being the next question.

Usage: lldb_regions.py PORT PLUGIN
Prints "regions <count>", one "region <start> <end> <rwx> <name>" line per mapped region, then
"detached".
"""
import lldb

from lldb_connect import connect


def main():
    process = connect().process
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
