;; Main half of the WAT two-module pair: its memory 0, a global and a function are all
;; imports from "lib". After _start: counter = 10, memory[0] = 10, memory[8] = 110.
(module
  (import "lib" "bump" (func $bump (param i32) (result i32)))
  (import "lib" "memory" (memory 1))
  (import "lib" "counter" (global $counter (mut i32)))

  (func $_start (export "_start")
    i32.const 5
    call $bump
    drop
    i32.const 5
    call $bump
    drop
    i32.const 8
    global.get $counter
    i32.const 100
    i32.add
    i32.store))
