;; A reactor plugin: no _start; the host calls process(x) as often as it likes, on any thread.
;; process logs x and x*x through the host's env.log and returns x*x.
(module
  (import "env" "log" (func $log (param $x i32) (param $result i32)))

  (memory (export "memory") 1)

  (global $calls (mut i32) (i32.const 0))

  (func $square (param $v i32) (result i32)
    local.get $v
    local.get $v
    i32.mul)

  (func $process (export "process") (param $x i32) (result i32)
    (local $result i32)
    local.get $x
    call $square
    local.set $result
    local.get $x
    local.get $result
    call $log
    global.get $calls
    i32.const 1
    i32.add
    global.set $calls
    local.get $result)

  (func $_initialize (export "_initialize")))
