"""The uncertainty of an estimated noise sd: a scale per draw that makes the projection the
Student-t posterior predictive of a fitted indicator.

A noise sd σ̂ estimated from ν degrees of freedom (``noise.df``; the calibration's ν: m − 1 for
m increments, plus its prior's) is itself uncertain: under the reference prior, σ² | data ~ ν·σ̂²/χ²_ν, and the
trend given σ is N(μ̂, σ²/I) with its standard error se = σ̂/√I. Drawing one scale
s = √(ν/χ²_ν) per draw and using s·σ̂ for the noise sd and s·se for the trend's sd gives,
for every horizon h with independent shocks, log I(t+h) − log I(t) − h·μ̂ =
s·σ̂·√(h²/I + h)·z, i.e. Student's t with ν degrees of freedom, the exact prediction interval
(a normal with σ̂ in place of σ is too narrow for a short history: its central 90 % band
covers P(|t_ν| < 1.645) of later points, 83 % at ν = 4, 76 % at ν = 2, 65 % at ν = 1).

With ν = 1 or 2 the t has no variance, and at any ν a few draws get sds far beyond any the
history shows; exponentiated over the years they make the mean of an indicator meaningless
(R&D expenditure in 2028: a mean of 4,000–13,000 亿元 by seed, a median of 526). The scale is
therefore capped so that neither sd exceeds ``SD_LIMIT`` = 0.5 a year (an assumption: the
largest residual sd of any series in the shipped history is 0.40, the municipal key
laboratories' break; 0.5 is a factor 1.65 in one year at one sd), unless the sd itself is
larger (the scale is never capped below 1). The cap touches about 1 % of draws of the shipped
baseline (ν = 4, σ̂ = 0.142 for R&D; ν = 5, σ̂ = 0.163 for contract turnover) and leaves its
bands as they are (P5, P50 and P95 of both within 1 %), but keeps the mean finite and stable.
"""

from __future__ import annotations

import numpy as np
from scipy import special

#: The largest sd (noise or trend) a scaled draw may have (an assumption; see above).
SD_LIMIT = 0.5
#: The largest ``noise.df`` a scenario may give (beyond it the scale is 1 within 0.1 %).
DF_LIMIT = 1000


def sd_scales(uniforms: np.ndarray, df: int, sds: tuple[float, ...]) -> np.ndarray:
    """The scale √(ν/χ²_ν) per draw from uniforms on (0, 1) (χ²_ν by its inverse survival
    function), capped so that no positive sd of ``sds`` times it exceeds SD_LIMIT (or itself,
    when larger: the cap is at least 1); ones when no sd is positive (nothing to scale)."""
    positive = [sd for sd in sds if sd > 0.0]
    if not positive:
        return np.ones_like(uniforms, dtype=float)
    chi2 = special.chdtri(float(df), uniforms)
    with np.errstate(divide="ignore"):
        scale = np.divide(float(df), chi2)
    np.sqrt(scale, out=scale)
    np.minimum(scale, max(1.0, SD_LIMIT / max(positive)), out=scale)
    return np.asarray(scale)
