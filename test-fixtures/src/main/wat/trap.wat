;; Traps of three kinds. `_start` reaches `unreachable` two calls deep;
;; `divzero` and `oob` are separate exports so a test can call each on its own.
(module
  (memory (export "memory") 1)

  (func $inner
    unreachable)

  (func $middle
    call $inner)

  (func $_start (export "_start")
    call $middle)

  (func $divzero (export "divzero") (result i32)
    i32.const 1
    i32.const 0
    i32.div_s)

  (func $oob (export "oob") (result i32)
    i32.const 0x7fffffff
    i32.load))
