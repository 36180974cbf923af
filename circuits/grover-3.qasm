// Grover search on 3 qubits for the marked state |101> (qubit 0 most significant), 2 iterations:
// P(101) = sin^2(5 asin(1/sqrt 8)) = 0.9453...
OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[3];
// phase flip of |101>: a CCZ with q[1] negated
gate mark a, b, c { x b; h c; ccx a, b, c; h c; x b; }
// inversion about the mean
gate diffuse a, b, c { h a; h b; h c; x a; x b; x c; h c; ccx a, b, c; h c; x a; x b; x c; h a; h b; h c; }
h q;
mark q[0], q[1], q[2];
diffuse q[0], q[1], q[2];
mark q[0], q[1], q[2];
diffuse q[0], q[1], q[2];
measure q -> c;
