;; A single call with a short callee, for step-into / step-over / step-out tests.
;; After _start: $result = 41.
(module
  (global $result (export "result") (mut i32) (i32.const 0))

  (func $callee (param $x i32) (result i32)
    local.get $x
    i32.const 2
    i32.mul
    i32.const 1
    i32.add)

  (func $_start (export "_start")
    i32.const 20
    call $callee
    global.set $result
    return))
