"""Makes raking_referensi.json: a skewed sample of 600 respondents
(sex x 5 age bands x 4 kecamatan) raked to invented DPT margins by an
independent implementation, the `ipfn` package (PyPI, iterative
proportional fitting on the sample's contingency table), run to 1e-12.
Each respondent's reference weight is their cell's fitted total divided by
the cell's count (every respondent starts at weight 1).

    pip install ipfn==1.4.4 numpy pandas
    python3 raking_referensi.py > raking_referensi.json
"""
import contextlib
import json
import random
import sys

import numpy as np
from ipfn import ipfn

random.seed(20291128)
# Women, the young and kecamatan 3 are under-represented on purpose.
P_SEX = [0.62, 0.38]
P_AGE = [0.08, 0.14, 0.22, 0.28, 0.28]
P_KEC = [0.35, 0.30, 0.25, 0.10]
n = 600
rows = []
for _ in range(n):
    rows.append([
        random.choices(range(2), P_SEX)[0],
        random.choices(range(5), P_AGE)[0],
        random.choices(range(4), P_KEC)[0],
    ])
# DPT margins (voters): sex, age band, kecamatan; all add to 150,000.
target = [
    [74_400.0, 75_600.0],
    [27_000.0, 33_000.0, 36_000.0, 30_000.0, 24_000.0],
    [45_000.0, 40_500.0, 37_500.0, 27_000.0],
]
m = np.zeros((2, 5, 4))
for s, a, k in rows:
    m[s, a, k] += 1
with contextlib.redirect_stdout(sys.stderr):
    fit = ipfn.ipfn(
        m.copy(),
        [np.array(t) for t in target],
        [[0], [1], [2]],
        convergence_rate=1e-12,
        max_iteration=10_000,
    ).iteration()
for axis, t in zip([(1, 2), (0, 2), (0, 1)], target):
    assert np.allclose(fit.sum(axis=axis), t, rtol=1e-10), (fit.sum(axis=axis), t)
weights = [fit[s, a, k] / m[s, a, k] for s, a, k in rows]
print(json.dumps({
    "sumber": "ipfn 1.4.4 (PyPI), convergence_rate 1e-12; see raking_referensi.py",
    "kategori": rows,
    "sasaran": target,
    "bobot": weights,
}))
