;; Memory accesses of every kind around the 4 bytes at 0x100, for watchpoint tests.
;; Instruction indices of $_start are given for the accesses (the tests stop after them).
(module
  (memory (export "memory") 1)

  (func $_start (export "_start")
    i32.const 0x100      ;; 0
    i32.const 7          ;; 1
    i32.store            ;; 2: writes 0x100..0x103
    i32.const 0x103      ;; 3
    i64.const 1          ;; 4
    i64.store8           ;; 5: writes 0x103
    i32.const 0xf0       ;; 6
    i32.load offset=0x10 ;; 7: reads 0x100..0x103 (base + offset)
    drop                 ;; 8
    i32.const 0x104      ;; 9
    i32.const 9          ;; 10
    i32.store            ;; 11: writes 0x104..0x107, next to the watched bytes
    i32.const 0xf8       ;; 12
    i32.const 0xaa       ;; 13
    i32.const 16         ;; 14
    memory.fill          ;; 15: writes 0xf8..0x107
    i32.const 0x200      ;; 16
    i32.const 0x100      ;; 17
    i32.const 4          ;; 18
    memory.copy          ;; 19: reads 0x100..0x103, writes 0x200..0x203
    nop))                ;; 20
