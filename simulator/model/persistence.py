"""Persistent shocks: standard normals made AR(1) across years (rows), in place.

From independent N(0, 1) rows ε_0, ε_1, …: w_0 = ε_0, w_t = φ·w_{t−1} + √(1−φ²)·ε_t, so every
w_t is N(0, 1) and corr(w_s, w_t) = φ^|t−s|. With φ = 0 the rows are unchanged.
"""

from __future__ import annotations

import math

import numpy as np


def ar1(z: np.ndarray, phi: float) -> np.ndarray:
    """Rows of ``z`` (years × draws) as a stationary unit-variance AR(1), in place."""
    if phi == 0.0 or z.shape[0] < 2:
        return z
    scale = math.sqrt(1.0 - phi * phi)
    for t in range(1, z.shape[0]):
        z[t] *= scale
        z[t] += phi * z[t - 1]
    return z


def sum_variance(n: int, phi: float, sigma: float = 1.0) -> float:
    """Var(u_1 + … + u_n) of a stationary AR(1) with sd σ and correlation φ (closed form):
    σ²·(n + 2·Σ_{k=1}^{n−1} (n − k)·φ^k)."""
    return sigma * sigma * (n + 2.0 * sum((n - k) * phi**k for k in range(1, n)))
