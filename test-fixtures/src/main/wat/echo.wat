;; Reads up to 64 bytes from stdin with one fd_read, writes them to stdout, returns.
;; The guest of the "interrupt while blocked in a host call" test: it waits in fd_read.
(module
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param $fd i32) (param $iovs i32) (param $count i32) (param $nread i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $count i32) (param $nwritten i32) (result i32)))

  (memory (export "memory") 1)

  ;; iovec at 0: buffer at 64, 64 bytes. The byte count read lands at 8.
  (func $_start (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 64))
    (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; @line echo-after-read
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))))
