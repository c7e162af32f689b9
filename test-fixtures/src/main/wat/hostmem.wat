;; A plugin that works in its host's memory: it imports env.memory, and store(x) writes x at
;; address 16 of it and calls the host's env.done. Imports only, no memory of its own.
(module
  (import "env" "memory" (memory 1))
  (import "env" "done" (func $done))

  (func $store (export "store") (param $x i32)
    i32.const 16
    local.get $x
    i32.store
    call $done))
