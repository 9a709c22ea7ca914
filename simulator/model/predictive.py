"""The uncertainty of an estimated noise sd: a scale per draw that makes the projection the
Student-t posterior predictive of a fitted indicator.

A noise sd σ̂ estimated from ν degrees of freedom (``noise.df``; the calibration's ν = m − 1 for
m increments) is itself uncertain: under the reference prior, σ² | data ~ ν·σ̂²/χ²_ν, and the
trend given σ is N(μ̂, σ²/I) with its standard error se = σ̂/√I. Drawing one scale
s = √(ν/χ²_ν) per draw and using s·σ̂ for the noise sd and s·se for the trend's sd gives,
for every horizon h with independent shocks, log I(t+h) − log I(t) − h·μ̂ =
s·σ̂·√(h²/I + h)·z, i.e. Student's t with ν degrees of freedom, the exact prediction interval
(a normal with σ̂ in place of σ is too narrow for a short history: its central 90 % band
covers P(|t_ν| < 1.645) of later points, 83 % at ν = 4, 76 % at ν = 2, 65 % at ν = 1).

With ν = 1 or 2 the t has no variance, and a few draws would reach sds no scenario accepts:
the scale is capped so that neither sd exceeds ``SD_LIMIT`` (the validator's upper bound of
both sds; an assumption that a yearly log-growth sd above 1, a factor e ≈ 2.7 in one year, is
not credible for these series). The cap touches the top 0.25 % of scales at ν = 2 and
σ̂ = 0.05.
"""

from __future__ import annotations

import numpy as np
from scipy import special

#: The largest sd (noise or trend) a scaled draw may have (the validator's bound).
SD_LIMIT = 1.0
#: The largest ``noise.df`` a scenario may give (beyond it the scale is 1 within 0.1 %).
DF_LIMIT = 1000


def sd_scales(uniforms: np.ndarray, df: int, sds: tuple[float, ...]) -> np.ndarray:
    """The scale √(ν/χ²_ν) per draw from uniforms on (0, 1) (χ²_ν by its inverse survival
    function), capped so that no positive sd of ``sds`` times it exceeds SD_LIMIT; ones when
    no sd is positive (nothing to scale)."""
    positive = [sd for sd in sds if sd > 0.0]
    if not positive:
        return np.ones_like(uniforms, dtype=float)
    chi2 = special.chdtri(float(df), uniforms)
    with np.errstate(divide="ignore"):
        scale = np.divide(float(df), chi2)
    np.sqrt(scale, out=scale)
    np.minimum(scale, SD_LIMIT / max(positive), out=scale)
    return np.asarray(scale)
