;; A loop with a call in it, a mutable global, a data segment and one WASI call.
;; Prints "Hello, debugger!" and returns normally (exit status 0).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32)
                    (result i32)))

  (memory (export "memory") 1)
  ;; Addresses 0..15 hold the iovec and the byte count that fd_write fills in.
  (data (i32.const 16) "Hello, debugger!\n")

  (global $counter (mut i32) (i32.const 0))

  (func $add3 (param $a i32) (param $b i32) (param $c i32) (result i32)
    local.get $a
    local.get $b
    i32.add
    local.get $c
    i32.add)

  (func $_start (export "_start")
    (local $i i32)
    (local $sum i32)
    (loop $again
      local.get $sum
      local.get $i
      i32.const 1
      call $add3
      local.set $sum
      global.get $counter
      i32.const 1
      i32.add
      global.set $counter
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 5
      i32.lt_s
      br_if $again)
    ;; iovec {buf = 16, len = 17}
    i32.const 0
    i32.const 16
    i32.store
    i32.const 4
    i32.const 17
    i32.store
    i32.const 1
    i32.const 0
    i32.const 1
    i32.const 8
    call $fd_write
    drop))
