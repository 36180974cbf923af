import psi4, json
psi4.set_memory("1 GB"); psi4.set_num_threads(1)
psi4.core.set_output_file("df.out", False)
out = {}
cases = [
 ("h2o", "O 0.0 0.0 0.1173\nH 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692", "cc-pvdz", "cc-pvdz-jkfit"),
 ("h2o", "O 0.0 0.0 0.1173\nH 0.0 0.7572 -0.4692\nH 0.0 -0.7572 -0.4692", "def2-svp", "def2-universal-jkfit"),
 ("nh3", "N 0.0 0.0 0.1116\nH 0.0 0.9377 -0.2605\nH 0.8121 -0.4689 -0.2605\nH -0.8121 -0.4689 -0.2605", "cc-pvdz", "cc-pvdz-jkfit"),
]
for name, geo, basis, aux in cases:
    psi4.core.clean()
    m = psi4.geometry(geo + "\nunits angstrom\nno_reorient\nno_com\nsymmetry c1\n")
    opts = {"basis": basis, "reference": "rhf", "e_convergence": 1e-11, "d_convergence": 1e-10, "puream": True}
    psi4.set_options({**opts, "scf_type": "pk"})
    e_exact = psi4.energy("scf")
    psi4.core.clean()
    auxfile = "def2-svp-jkfit" if aux == "def2-universal-jkfit" else aux
    psi4.set_options({**opts, "scf_type": "df", "df_basis_scf": auxfile})
    e_df = psi4.energy("scf")
    out[f"{name}/{basis}/{aux}"] = {"molecule": name, "basis": basis, "auxiliary": aux, "psi4AuxFile": auxfile + ".gbs", "exact": e_exact, "df": e_df}
    print(name, basis, aux, e_exact, e_df, e_df - e_exact, flush=True)
json.dump(out, open("df.json", "w"), indent=1)
