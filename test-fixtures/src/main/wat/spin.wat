;; An endless loop with no calls: the only way out is an interrupt or a kill.
;; The back-edge is a br_if whose condition is always true.
(module
  (func $_start (export "_start")
    (local $i i32)
    (local $one i32)
    i32.const 1
    local.set $one
    (loop $spin
      local.get $i
      local.get $one
      i32.add
      local.set $i
      local.get $one
      br_if $spin)))
