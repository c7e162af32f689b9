;; Exits with status 7 through WASI proc_exit, never returning from _start.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param $code i32)))

  (memory (export "memory") 1)

  (func $_start (export "_start")
    i32.const 7
    call $proc_exit
    unreachable))
