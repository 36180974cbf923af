;; The CPU backend's WebAssembly SIMD kernels (see ../wasm.ts for how they are called and
;; threaded). This file is the source: `npm run build:kernels` assembles it with wabt into
;; module.ts (committed), and test/backend/cpu/kernels.test.ts checks the two match.
;;
;; Conventions
;; - Every address is a byte offset into the imported memory; amplitudes are interleaved
;;   (re, im) f64 pairs, so one v128 holds one complex amplitude and steps are 16 bytes.
;; - Pair kernels walk blocks of 2 * $half bytes from $start to $stop: the amplitude at $at (bit
;;   clear) pairs with the one at $at + $half (bit set). $run (bytes, <= $half) is how much of
;;   each block's first half to visit: $half for a whole pass, less when threads split a block.
;; - A complex product u * x is computed as splat(ur) * x + (-ui, ui) * swap(x), where swap(x)
;;   exchanges the lanes: (re, im) -> (im, re). The (-ui, ui) vectors are built once per call.
;; - Loads and stores state align=8 (an f64's alignment, what the arrays guarantee).
;;
;; The memory import below is rewritten to `(memory 1 65536 shared)` for the module that worker
;; threads share (scripts/build-kernels.ts); everything else is the same in both modules.

(module
  (import "env" "mem" (memory 1))

  ;; Real 2x2 [[a, b], [c, d]] on every pair: (x, y) <- (a x + b y, c x + d y).
  (func (export "real1")
    (param $start i32) (param $stop i32) (param $half i32)
    (param $a f64) (param $b f64) (param $c f64) (param $d f64) (param $run i32)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32)
    (local $va v128) (local $vb v128) (local $vc v128) (local $vd v128)
    (local $x v128) (local $y v128)
    (local.set $va (f64x2.splat (local.get $a)))
    (local.set $vb (f64x2.splat (local.get $b)))
    (local.set $vc (f64x2.splat (local.get $c)))
    (local.set $vd (f64x2.splat (local.get $d)))
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $half)))
        (local.set $x (v128.load align=8 (local.get $at)))
        (local.set $y (v128.load align=8 (local.get $bt)))
        (v128.store align=8 (local.get $at)
          (f64x2.add (f64x2.mul (local.get $va) (local.get $x))
                     (f64x2.mul (local.get $vb) (local.get $y))))
        (v128.store align=8 (local.get $bt)
          (f64x2.add (f64x2.mul (local.get $vc) (local.get $x))
                     (f64x2.mul (local.get $vd) (local.get $y))))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u
        (local.tee $blk (i32.add (local.get $blk) (i32.add (local.get $half) (local.get $half))))
        (local.get $stop)))))

  ;; Complex 2x2 U (entries row-major) on every pair: (x, y) <- (u00 x + u01 y, u10 x + u11 y).
  ;; $rIJ = splat(Re uIJ), $iIJ = (-Im uIJ, Im uIJ); $xs, $ys are x, y with lanes swapped.
  (func (export "cplx1")
    (param $start i32) (param $stop i32) (param $half i32)
    (param $u00r f64) (param $u00i f64) (param $u01r f64) (param $u01i f64)
    (param $u10r f64) (param $u10i f64) (param $u11r f64) (param $u11i f64)
    (param $run i32)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32)
    (local $r00 v128) (local $i00 v128) (local $r01 v128) (local $i01 v128)
    (local $r10 v128) (local $i10 v128) (local $r11 v128) (local $i11 v128)
    (local $x v128) (local $y v128) (local $xs v128) (local $ys v128)
    (local.set $r00 (f64x2.splat (local.get $u00r)))
    (local.set $i00 (f64x2.replace_lane 0 (f64x2.splat (local.get $u00i)) (f64.neg (local.get $u00i))))
    (local.set $r01 (f64x2.splat (local.get $u01r)))
    (local.set $i01 (f64x2.replace_lane 0 (f64x2.splat (local.get $u01i)) (f64.neg (local.get $u01i))))
    (local.set $r10 (f64x2.splat (local.get $u10r)))
    (local.set $i10 (f64x2.replace_lane 0 (f64x2.splat (local.get $u10i)) (f64.neg (local.get $u10i))))
    (local.set $r11 (f64x2.splat (local.get $u11r)))
    (local.set $i11 (f64x2.replace_lane 0 (f64x2.splat (local.get $u11i)) (f64.neg (local.get $u11i))))
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $half)))
        (local.set $xs (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $x (v128.load align=8 (local.get $at))) (local.get $x)))
        (local.set $ys (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $y (v128.load align=8 (local.get $bt))) (local.get $y)))
        (v128.store align=8 (local.get $at)
          (f64x2.add
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r00) (local.get $x))
                         (f64x2.mul (local.get $i00) (local.get $xs)))
              (f64x2.mul (local.get $r01) (local.get $y)))
            (f64x2.mul (local.get $i01) (local.get $ys))))
        (v128.store align=8 (local.get $bt)
          (f64x2.add
            (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r10) (local.get $x))
                         (f64x2.mul (local.get $i10) (local.get $xs)))
              (f64x2.mul (local.get $r11) (local.get $y)))
            (f64x2.mul (local.get $i11) (local.get $ys))))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u
        (local.tee $blk (i32.add (local.get $blk) (i32.add (local.get $half) (local.get $half))))
        (local.get $stop)))))

  ;; diag(d0, d1) on every pair: (x, y) <- (d0 x, d1 y).
  (func (export "diag1")
    (param $start i32) (param $stop i32) (param $half i32)
    (param $d0r f64) (param $d0i f64) (param $d1r f64) (param $d1i f64) (param $run i32)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32)
    (local $r0 v128) (local $i0 v128) (local $r1 v128) (local $i1 v128) (local $x v128)
    (local.set $r0 (f64x2.splat (local.get $d0r)))
    (local.set $i0 (f64x2.replace_lane 0 (f64x2.splat (local.get $d0i)) (f64.neg (local.get $d0i))))
    (local.set $r1 (f64x2.splat (local.get $d1r)))
    (local.set $i1 (f64x2.replace_lane 0 (f64x2.splat (local.get $d1i)) (f64.neg (local.get $d1i))))
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $half)))
        (v128.store align=8 (local.get $at)
          (f64x2.add
            (f64x2.mul (local.get $r0) (local.tee $x (v128.load align=8 (local.get $at))))
            (f64x2.mul (local.get $i0)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))))
        (v128.store align=8 (local.get $bt)
          (f64x2.add
            (f64x2.mul (local.get $r1) (local.tee $x (v128.load align=8 (local.get $bt))))
            (f64x2.mul (local.get $i1)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u
        (local.tee $blk (i32.add (local.get $blk) (i32.add (local.get $half) (local.get $half))))
        (local.get $stop)))))

  ;; Swap runs: every $period bytes from $start, exchange [blk, blk + run) with the bytes $delta
  ;; further on (X, CNOT, SWAP, Toffoli on neighbouring bits are all such swaps).
  (func (export "swapRuns")
    (param $start i32) (param $stop i32) (param $period i32) (param $run i32) (param $delta i32)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32) (local $x v128)
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $delta)))
        (local.set $x (v128.load align=8 (local.get $at)))
        (v128.store align=8 (local.get $at) (v128.load align=8 (local.get $bt)))
        (v128.store align=8 (local.get $bt) (local.get $x))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u (local.tee $blk (i32.add (local.get $blk) (local.get $period)))
                               (local.get $stop)))))

  ;; Dense 4x4 U on two target bits: $hiHalf / $loHalf are the half-block sizes (bytes) of the
  ;; higher / lower target bit, $o1 / $o2 the byte offsets of matrix index 1 / 2 (lower / higher
  ;; bit set), then U's 16 entries row-major (re, im). Three loops visit every index with both
  ;; target bits clear; the four amplitudes x0..x3 are at +0, +o1, +o2, +o1+o2.
  ;; $rRC = splat(Re uRC), $iRC = (-Im uRC, Im uRC); $sC is xC with lanes swapped.
  (func (export "dense2")
    (param $start i32) (param $stop i32) (param $hiHalf i32) (param $loHalf i32)
    (param $o1 i32) (param $o2 i32)
    (param $u00r f64) (param $u00i f64) (param $u01r f64) (param $u01i f64)
    (param $u02r f64) (param $u02i f64) (param $u03r f64) (param $u03i f64)
    (param $u10r f64) (param $u10i f64) (param $u11r f64) (param $u11i f64)
    (param $u12r f64) (param $u12i f64) (param $u13r f64) (param $u13i f64)
    (param $u20r f64) (param $u20i f64) (param $u21r f64) (param $u21i f64)
    (param $u22r f64) (param $u22i f64) (param $u23r f64) (param $u23i f64)
    (param $u30r f64) (param $u30i f64) (param $u31r f64) (param $u31i f64)
    (param $u32r f64) (param $u32i f64) (param $u33r f64) (param $u33i f64)
    (local $hb i32) (local $lb i32) (local $at i32) (local $lbEnd i32) (local $atEnd i32)
    (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $r00 v128) (local $r01 v128) (local $r02 v128) (local $r03 v128)
    (local $r10 v128) (local $r11 v128) (local $r12 v128) (local $r13 v128)
    (local $r20 v128) (local $r21 v128) (local $r22 v128) (local $r23 v128)
    (local $r30 v128) (local $r31 v128) (local $r32 v128) (local $r33 v128)
    (local $i00 v128) (local $i01 v128) (local $i02 v128) (local $i03 v128)
    (local $i10 v128) (local $i11 v128) (local $i12 v128) (local $i13 v128)
    (local $i20 v128) (local $i21 v128) (local $i22 v128) (local $i23 v128)
    (local $i30 v128) (local $i31 v128) (local $i32 v128) (local $i33 v128)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $r00 (f64x2.splat (local.get $u00r)))
    (local.set $i00 (f64x2.replace_lane 0 (f64x2.splat (local.get $u00i)) (f64.neg (local.get $u00i))))
    (local.set $r01 (f64x2.splat (local.get $u01r)))
    (local.set $i01 (f64x2.replace_lane 0 (f64x2.splat (local.get $u01i)) (f64.neg (local.get $u01i))))
    (local.set $r02 (f64x2.splat (local.get $u02r)))
    (local.set $i02 (f64x2.replace_lane 0 (f64x2.splat (local.get $u02i)) (f64.neg (local.get $u02i))))
    (local.set $r03 (f64x2.splat (local.get $u03r)))
    (local.set $i03 (f64x2.replace_lane 0 (f64x2.splat (local.get $u03i)) (f64.neg (local.get $u03i))))
    (local.set $r10 (f64x2.splat (local.get $u10r)))
    (local.set $i10 (f64x2.replace_lane 0 (f64x2.splat (local.get $u10i)) (f64.neg (local.get $u10i))))
    (local.set $r11 (f64x2.splat (local.get $u11r)))
    (local.set $i11 (f64x2.replace_lane 0 (f64x2.splat (local.get $u11i)) (f64.neg (local.get $u11i))))
    (local.set $r12 (f64x2.splat (local.get $u12r)))
    (local.set $i12 (f64x2.replace_lane 0 (f64x2.splat (local.get $u12i)) (f64.neg (local.get $u12i))))
    (local.set $r13 (f64x2.splat (local.get $u13r)))
    (local.set $i13 (f64x2.replace_lane 0 (f64x2.splat (local.get $u13i)) (f64.neg (local.get $u13i))))
    (local.set $r20 (f64x2.splat (local.get $u20r)))
    (local.set $i20 (f64x2.replace_lane 0 (f64x2.splat (local.get $u20i)) (f64.neg (local.get $u20i))))
    (local.set $r21 (f64x2.splat (local.get $u21r)))
    (local.set $i21 (f64x2.replace_lane 0 (f64x2.splat (local.get $u21i)) (f64.neg (local.get $u21i))))
    (local.set $r22 (f64x2.splat (local.get $u22r)))
    (local.set $i22 (f64x2.replace_lane 0 (f64x2.splat (local.get $u22i)) (f64.neg (local.get $u22i))))
    (local.set $r23 (f64x2.splat (local.get $u23r)))
    (local.set $i23 (f64x2.replace_lane 0 (f64x2.splat (local.get $u23i)) (f64.neg (local.get $u23i))))
    (local.set $r30 (f64x2.splat (local.get $u30r)))
    (local.set $i30 (f64x2.replace_lane 0 (f64x2.splat (local.get $u30i)) (f64.neg (local.get $u30i))))
    (local.set $r31 (f64x2.splat (local.get $u31r)))
    (local.set $i31 (f64x2.replace_lane 0 (f64x2.splat (local.get $u31i)) (f64.neg (local.get $u31i))))
    (local.set $r32 (f64x2.splat (local.get $u32r)))
    (local.set $i32 (f64x2.replace_lane 0 (f64x2.splat (local.get $u32i)) (f64.neg (local.get $u32i))))
    (local.set $r33 (f64x2.splat (local.get $u33r)))
    (local.set $i33 (f64x2.replace_lane 0 (f64x2.splat (local.get $u33i)) (f64.neg (local.get $u33i))))
    (local.set $hb (local.get $start))
    (loop $hiBlocks
      (local.set $lb (local.get $hb))
      (local.set $lbEnd (i32.add (local.get $hb) (local.get $hiHalf)))
      (loop $loBlocks
        (local.set $at (local.get $lb))
        (local.set $atEnd (i32.add (local.get $lb) (local.get $loHalf)))
        (loop $quads
          (local.set $i1 (i32.add (local.get $at) (local.get $o1)))
          (local.set $i2 (i32.add (local.get $at) (local.get $o2)))
          (local.set $i3 (i32.add (local.get $i1) (local.get $o2)))
          (local.set $s0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (local.tee $x0 (v128.load align=8 (local.get $at))) (local.get $x0)))
          (local.set $s1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (local.tee $x1 (v128.load align=8 (local.get $i1))) (local.get $x1)))
          (local.set $s2 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (local.tee $x2 (v128.load align=8 (local.get $i2))) (local.get $x2)))
          (local.set $s3 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            (local.tee $x3 (v128.load align=8 (local.get $i3))) (local.get $x3)))
          ;; row R: sum over C of (rRC xC + iRC sC), accumulated left to right
          (v128.store align=8 (local.get $at)
            (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r00) (local.get $x0)) (f64x2.mul (local.get $i00) (local.get $s0)))
              (f64x2.mul (local.get $r01) (local.get $x1))) (f64x2.mul (local.get $i01) (local.get $s1)))
              (f64x2.mul (local.get $r02) (local.get $x2))) (f64x2.mul (local.get $i02) (local.get $s2)))
              (f64x2.mul (local.get $r03) (local.get $x3))) (f64x2.mul (local.get $i03) (local.get $s3))))
          (v128.store align=8 (local.get $i1)
            (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r10) (local.get $x0)) (f64x2.mul (local.get $i10) (local.get $s0)))
              (f64x2.mul (local.get $r11) (local.get $x1))) (f64x2.mul (local.get $i11) (local.get $s1)))
              (f64x2.mul (local.get $r12) (local.get $x2))) (f64x2.mul (local.get $i12) (local.get $s2)))
              (f64x2.mul (local.get $r13) (local.get $x3))) (f64x2.mul (local.get $i13) (local.get $s3))))
          (v128.store align=8 (local.get $i2)
            (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r20) (local.get $x0)) (f64x2.mul (local.get $i20) (local.get $s0)))
              (f64x2.mul (local.get $r21) (local.get $x1))) (f64x2.mul (local.get $i21) (local.get $s1)))
              (f64x2.mul (local.get $r22) (local.get $x2))) (f64x2.mul (local.get $i22) (local.get $s2)))
              (f64x2.mul (local.get $r23) (local.get $x3))) (f64x2.mul (local.get $i23) (local.get $s3))))
          (v128.store align=8 (local.get $i3)
            (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add
              (f64x2.add (f64x2.mul (local.get $r30) (local.get $x0)) (f64x2.mul (local.get $i30) (local.get $s0)))
              (f64x2.mul (local.get $r31) (local.get $x1))) (f64x2.mul (local.get $i31) (local.get $s1)))
              (f64x2.mul (local.get $r32) (local.get $x2))) (f64x2.mul (local.get $i32) (local.get $s2)))
              (f64x2.mul (local.get $r33) (local.get $x3))) (f64x2.mul (local.get $i33) (local.get $s3))))
          (br_if $quads (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                  (local.get $atEnd))))
        (br_if $loBlocks (i32.lt_u
          (local.tee $lb (i32.add (local.get $lb) (i32.add (local.get $loHalf) (local.get $loHalf))))
          (local.get $lbEnd))))
      (br_if $hiBlocks (i32.lt_u
        (local.tee $hb (i32.add (local.get $hb) (i32.add (local.get $hiHalf) (local.get $hiHalf))))
        (local.get $stop)))))

  ;; Overlap of two states on one qubit, for the adjoint sweep. For each pair (a0, a1) = ($at,
  ;; $at + $half) of state a and (b0, b1) $delta bytes further on in state b, it sums per entry
  ;; ij the lane-wise products P_ij += a_i * b_j and Q_ij += a_i * swap(b_j); the caller forms
  ;; conj(a_i) b_j = (P_ij.0 + P_ij.1) + i (Q_ij.0 - Q_ij.1). Stores P00 Q00 P01 Q01 P10 Q10 P11
  ;; Q11 as 8 v128 at $out.
  (func (export "overlap1")
    (param $start i32) (param $stop i32) (param $half i32) (param $run i32) (param $delta i32)
    (param $out i32)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $s0 v128) (local $s1 v128)
    (local $p00 v128) (local $q00 v128) (local $p01 v128) (local $q01 v128)
    (local $p10 v128) (local $q10 v128) (local $p11 v128) (local $q11 v128)
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $half)))
        (local.set $a0 (v128.load align=8 (local.get $at)))
        (local.set $a1 (v128.load align=8 (local.get $bt)))
        (local.set $s0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $b0 (v128.load align=8 (i32.add (local.get $at) (local.get $delta))))
          (local.get $b0)))
        (local.set $s1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $b1 (v128.load align=8 (i32.add (local.get $bt) (local.get $delta))))
          (local.get $b1)))
        (local.set $p00 (f64x2.add (local.get $p00) (f64x2.mul (local.get $a0) (local.get $b0))))
        (local.set $q00 (f64x2.add (local.get $q00) (f64x2.mul (local.get $a0) (local.get $s0))))
        (local.set $p01 (f64x2.add (local.get $p01) (f64x2.mul (local.get $a0) (local.get $b1))))
        (local.set $q01 (f64x2.add (local.get $q01) (f64x2.mul (local.get $a0) (local.get $s1))))
        (local.set $p10 (f64x2.add (local.get $p10) (f64x2.mul (local.get $a1) (local.get $b0))))
        (local.set $q10 (f64x2.add (local.get $q10) (f64x2.mul (local.get $a1) (local.get $s0))))
        (local.set $p11 (f64x2.add (local.get $p11) (f64x2.mul (local.get $a1) (local.get $b1))))
        (local.set $q11 (f64x2.add (local.get $q11) (f64x2.mul (local.get $a1) (local.get $s1))))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u
        (local.tee $blk (i32.add (local.get $blk) (i32.add (local.get $half) (local.get $half))))
        (local.get $stop))))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 0)) (local.get $p00))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 16)) (local.get $q00))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 32)) (local.get $p01))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 48)) (local.get $q01))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 64)) (local.get $p10))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 80)) (local.get $q10))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 96)) (local.get $p11))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 112)) (local.get $q11)))

  ;; One adjoint step on one qubit in one pass over two states: psi at $at, lambda $delta bytes
  ;; further on. Per pair it first accumulates the overlap of lambda with psi (as overlap1 with
  ;; a = lambda, b = psi; results at $out), then writes V psi and V lambda back, V = [[v0, v1],
  ;; [v2, v3]] (re, im). $rK = splat(Re vK), $iK = (-Im vK, Im vK).
  (func (export "adjoint1")
    (param $start i32) (param $stop i32) (param $half i32) (param $run i32) (param $delta i32)
    (param $out i32)
    (param $v0r f64) (param $v0i f64) (param $v1r f64) (param $v1i f64)
    (param $v2r f64) (param $v2i f64) (param $v3r f64) (param $v3i f64)
    (local $blk i32) (local $at i32) (local $runEnd i32) (local $bt i32)
    (local $p0 v128) (local $p1 v128) (local $l0 v128) (local $l1 v128)
    (local $sp0 v128) (local $sp1 v128) (local $sl0 v128) (local $sl1 v128)
    (local $P00 v128) (local $Q00 v128) (local $P01 v128) (local $Q01 v128)
    (local $P10 v128) (local $Q10 v128) (local $P11 v128) (local $Q11 v128)
    (local $r0 v128) (local $i0 v128) (local $r1 v128) (local $i1 v128)
    (local $r2 v128) (local $i2 v128) (local $r3 v128) (local $i3 v128)
    (local.set $r0 (f64x2.splat (local.get $v0r)))
    (local.set $i0 (f64x2.replace_lane 0 (f64x2.splat (local.get $v0i)) (f64.neg (local.get $v0i))))
    (local.set $r1 (f64x2.splat (local.get $v1r)))
    (local.set $i1 (f64x2.replace_lane 0 (f64x2.splat (local.get $v1i)) (f64.neg (local.get $v1i))))
    (local.set $r2 (f64x2.splat (local.get $v2r)))
    (local.set $i2 (f64x2.replace_lane 0 (f64x2.splat (local.get $v2i)) (f64.neg (local.get $v2i))))
    (local.set $r3 (f64x2.splat (local.get $v3r)))
    (local.set $i3 (f64x2.replace_lane 0 (f64x2.splat (local.get $v3i)) (f64.neg (local.get $v3i))))
    (local.set $blk (local.get $start))
    (loop $blocks
      (local.set $runEnd (i32.add (local.get $blk) (local.get $run)))
      (local.set $at (local.get $blk))
      (loop $pairs
        (local.set $bt (i32.add (local.get $at) (local.get $half)))
        (local.set $sp0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $p0 (v128.load align=8 (local.get $at))) (local.get $p0)))
        (local.set $sp1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $p1 (v128.load align=8 (local.get $bt))) (local.get $p1)))
        (local.set $sl0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $l0 (v128.load align=8 (i32.add (local.get $at) (local.get $delta))))
          (local.get $l0)))
        (local.set $sl1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (local.tee $l1 (v128.load align=8 (i32.add (local.get $bt) (local.get $delta))))
          (local.get $l1)))
        (local.set $P00 (f64x2.add (local.get $P00) (f64x2.mul (local.get $l0) (local.get $p0))))
        (local.set $Q00 (f64x2.add (local.get $Q00) (f64x2.mul (local.get $l0) (local.get $sp0))))
        (local.set $P01 (f64x2.add (local.get $P01) (f64x2.mul (local.get $l0) (local.get $p1))))
        (local.set $Q01 (f64x2.add (local.get $Q01) (f64x2.mul (local.get $l0) (local.get $sp1))))
        (local.set $P10 (f64x2.add (local.get $P10) (f64x2.mul (local.get $l1) (local.get $p0))))
        (local.set $Q10 (f64x2.add (local.get $Q10) (f64x2.mul (local.get $l1) (local.get $sp0))))
        (local.set $P11 (f64x2.add (local.get $P11) (f64x2.mul (local.get $l1) (local.get $p1))))
        (local.set $Q11 (f64x2.add (local.get $Q11) (f64x2.mul (local.get $l1) (local.get $sp1))))
        ;; row 0 of V to position $at, row 1 to $bt, for psi then lambda
        (v128.store align=8 (local.get $at)
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (local.get $r0) (local.get $p0)) (f64x2.mul (local.get $i0) (local.get $sp0)))
            (f64x2.mul (local.get $r1) (local.get $p1))) (f64x2.mul (local.get $i1) (local.get $sp1))))
        (v128.store align=8 (local.get $bt)
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (local.get $r2) (local.get $p0)) (f64x2.mul (local.get $i2) (local.get $sp0)))
            (f64x2.mul (local.get $r3) (local.get $p1))) (f64x2.mul (local.get $i3) (local.get $sp1))))
        (v128.store align=8 (i32.add (local.get $at) (local.get $delta))
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (local.get $r0) (local.get $l0)) (f64x2.mul (local.get $i0) (local.get $sl0)))
            (f64x2.mul (local.get $r1) (local.get $l1))) (f64x2.mul (local.get $i1) (local.get $sl1))))
        (v128.store align=8 (i32.add (local.get $bt) (local.get $delta))
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (local.get $r2) (local.get $l0)) (f64x2.mul (local.get $i2) (local.get $sl0)))
            (f64x2.mul (local.get $r3) (local.get $l1))) (f64x2.mul (local.get $i3) (local.get $sl1))))
        (br_if $pairs (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                                (local.get $runEnd))))
      (br_if $blocks (i32.lt_u
        (local.tee $blk (i32.add (local.get $blk) (i32.add (local.get $half) (local.get $half))))
        (local.get $stop))))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 0)) (local.get $P00))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 16)) (local.get $Q00))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 32)) (local.get $P01))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 48)) (local.get $Q01))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 64)) (local.get $P10))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 80)) (local.get $Q10))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 96)) (local.get $P11))
    (v128.store align=8 (i32.add (local.get $out) (i32.const 112)) (local.get $Q11)))

  ;; Dense k-qubit U (any k >= 2; used for k = 3..5) on one state at byte $base, for the groups
  ;; $o0 <= o < $oEnd (a thread's share of the 2^(n-k) groups). The caller lays out in memory:
  ;; at $tab the k target bit positions ascending (i32 each), then the d = 2^k byte offsets of
  ;; the group's amplitudes (i32, matrix index order); at $mat U as d x d pairs of vectors
  ;; (splat(Re u), (-Im u, Im u)), 32 bytes per entry, row-major; at $gat 32 * d bytes of room
  ;; (one area per thread) where each group's amplitudes and their lane swaps are gathered, so the
  ;; rows can be written back in place.
  (func (export "densek")
    (param $base i32) (param $o0 i32) (param $oEnd i32) (param $k i32)
    (param $tab i32) (param $mat i32) (param $gat i32)
    (local $o i32) (local $i i32) (local $p i32) (local $low i32) (local $d i32)
    (local $offs i32) (local $addr i32) (local $r i32) (local $c i32) (local $m i32)
    (local $g i32) (local $x v128)
    (local $acc v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local.set $d (i32.shl (i32.const 1) (local.get $k)))
    (local.set $offs (i32.add (local.get $tab) (i32.shl (local.get $k) (i32.const 2))))
    (local.set $o (local.get $o0))
    (loop $groups
      ;; the group's first index: o with a zero bit inserted at each target position
      (local.set $i (local.get $o))
      (local.set $p (i32.const 0))
      (loop $insert
        (local.set $low (i32.sub (i32.shl (i32.const 1)
          (i32.load (i32.add (local.get $tab) (i32.shl (local.get $p) (i32.const 2)))))
          (i32.const 1)))
        (local.set $i (i32.or (i32.shl (i32.and (local.get $i) (i32.xor (local.get $low) (i32.const -1)))
                                       (i32.const 1))
                              (i32.and (local.get $i) (local.get $low))))
        (br_if $insert (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $k))))
      (local.set $addr (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
      ;; gather: x_c and swap(x_c) side by side
      (local.set $c (i32.const 0))
      (loop $gather
        (local.set $x (v128.load align=8 (i32.add (local.get $addr)
          (i32.load (i32.add (local.get $offs) (i32.shl (local.get $c) (i32.const 2)))))))
        (local.set $g (i32.add (local.get $gat) (i32.shl (local.get $c) (i32.const 5))))
        (v128.store align=8 (local.get $g) (local.get $x))
        (v128.store offset=16 align=8 (local.get $g)
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x)))
        (br_if $gather (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $d))))
      ;; row r: sum over c of splat(Re u_rc) x_c + (-Im u_rc, Im u_rc) swap(x_c), four columns
      ;; per step into four accumulators (d >= 8), so the adds do not wait on each other
      (local.set $m (local.get $mat))
      (local.set $r (i32.const 0))
      (loop $rows
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $acc1 (v128.const i64x2 0 0))
        (local.set $acc2 (v128.const i64x2 0 0))
        (local.set $acc3 (v128.const i64x2 0 0))
        (local.set $g (local.get $gat))
        (local.set $c (i32.const 0))
        (loop $cols
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.add
            (f64x2.mul (v128.load align=8 (local.get $m)) (v128.load align=8 (local.get $g)))
            (f64x2.mul (v128.load offset=16 align=8 (local.get $m))
                       (v128.load offset=16 align=8 (local.get $g))))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.add
            (f64x2.mul (v128.load offset=32 align=8 (local.get $m))
                       (v128.load offset=32 align=8 (local.get $g)))
            (f64x2.mul (v128.load offset=48 align=8 (local.get $m))
                       (v128.load offset=48 align=8 (local.get $g))))))
          (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.add
            (f64x2.mul (v128.load offset=64 align=8 (local.get $m))
                       (v128.load offset=64 align=8 (local.get $g)))
            (f64x2.mul (v128.load offset=80 align=8 (local.get $m))
                       (v128.load offset=80 align=8 (local.get $g))))))
          (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.add
            (f64x2.mul (v128.load offset=96 align=8 (local.get $m))
                       (v128.load offset=96 align=8 (local.get $g)))
            (f64x2.mul (v128.load offset=112 align=8 (local.get $m))
                       (v128.load offset=112 align=8 (local.get $g))))))
          (local.set $m (i32.add (local.get $m) (i32.const 128)))
          (local.set $g (i32.add (local.get $g) (i32.const 128)))
          (br_if $cols (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 4))) (local.get $d))))
        (v128.store align=8 (i32.add (local.get $addr)
            (i32.load (i32.add (local.get $offs) (i32.shl (local.get $r) (i32.const 2)))))
          (f64x2.add (f64x2.add (local.get $acc) (local.get $acc1))
                     (f64x2.add (local.get $acc2) (local.get $acc3))))
        (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $d))))
      (br_if $groups (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 1))) (local.get $oEnd)))))

  ;; The memory floor (a yardstick, not a gate): one in-place read-modify-write pass negating
  ;; every float of [$start, $stop) ($stop - $start a positive multiple of 16 bytes). The
  ;; benchmarks time every kernel against it. Negating as a multiply by a hoisted splat(-1)
  ;; measured faster than f64x2.neg (V8 rebuilds its sign mask in the loop) and than unrolling.
  (func (export "floorPass")
    (param $start i32) (param $stop i32)
    (local $at i32) (local $minusOne v128)
    (local.set $minusOne (f64x2.splat (f64.const -1)))
    (local.set $at (local.get $start))
    (loop $amps
      (v128.store align=8 (local.get $at)
        (f64x2.mul (local.get $minusOne) (v128.load align=8 (local.get $at))))
      (br_if $amps (i32.lt_u (local.tee $at (i32.add (local.get $at) (i32.const 16)))
                             (local.get $stop)))))
)
