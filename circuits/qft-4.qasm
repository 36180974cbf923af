// Quantum Fourier transform on 4 qubits (qubit 0 most significant), applied to |x> = |0101> = |5>:
// the result is sum_k exp(2 pi i 5 k / 16) |k> / 4.
OPENQASM 2.0;
include "qelib1.inc";
qreg q[4];
creg c[4];
x q[1];
x q[3];
barrier q;
h q[0];
cu1(pi/2) q[1], q[0];
cu1(pi/4) q[2], q[0];
cu1(pi/8) q[3], q[0];
h q[1];
cu1(pi/2) q[2], q[1];
cu1(pi/4) q[3], q[1];
h q[2];
cu1(pi/2) q[3], q[2];
h q[3];
swap q[0], q[3];
swap q[1], q[2];
measure q -> c;
