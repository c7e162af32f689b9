;; Memory written by a host function, not by an instruction: WASI args_sizes_get stores the
;; argument count at 0x100 and the size of the argument bytes at 0x104. Called twice, so the
;; second call writes the same values again; 0x200 is left alone.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param $argc i32) (param $argv_buf_size i32) (result i32)))

  (memory (export "memory") 1)

  (func $_start (export "_start")
    i32.const 0x100
    i32.const 0x104
    call $args_sizes_get
    drop
    i32.const 0x100
    i32.const 0x104
    call $args_sizes_get
    drop
    i32.const 0x200
    i32.load
    drop))
