;; Library half of the WAT two-module pair; the host registers it under the name "lib".
;; Exports the memory, a mutable global and a function that changes both.
(module
  (memory (export "memory") 1)
  (global $counter (export "counter") (mut i32) (i32.const 0))

  ;; counter += n; memory[0] = counter; returns counter
  (func $bump (export "bump") (param $n i32) (result i32)
    global.get $counter
    local.get $n
    i32.add
    global.set $counter
    i32.const 0
    global.get $counter
    i32.store
    global.get $counter))
