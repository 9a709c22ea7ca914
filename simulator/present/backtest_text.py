"""Text of the calibration and the backtest: tables for the terminal, the README and the
briefing (plain text, one row per indicator)."""

from __future__ import annotations

import unicodedata

from ..analysis.backtest import METHODS, Backtest, Score
from ..model import N_, load_catalogue, translate, translated
from ..model.calibration import Fit

METHOD_NAMES = {
    "model": N_("model"),
    "last_growth": N_("last growth"),
    "random_walk": N_("random walk + drift"),
}

HEADER = [
    N_("indicator"),
    N_("method"),
    N_("n"),
    N_("cover 50%"),
    N_("cover 90%"),
    N_("MdAPE"),
    N_("CRPS"),
]


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _score_cells(score: Score | None, method: str, language: str) -> list[str]:
    if score is None:
        return ["–"] * 5
    point = method == "last_growth"  # a point forecast has no bands
    no_band = translate("n/a", language)
    return [
        str(score.n),
        no_band if point else _pct(score.coverage50),
        no_band if point else _pct(score.coverage90),
        f"{100 * score.mdape:.1f}%",
        f"{score.crps:,.4g}",
    ]


def backtest_rows(
    result: Backtest, language: str = "en", scored_only: bool = False
) -> list[list[str]]:
    """Header and rows: indicator, method, points, 50 % and 90 % coverage, MdAPE, CRPS.
    A series without held-out points has a row that says so, or (``scored_only``) none."""
    names = translated(METHOD_NAMES, language)
    header = translated(HEADER, language)
    nothing = translate("no held-out points", language)
    rows = [header]
    catalogue = load_catalogue()

    def name(indicator: str) -> str:
        if indicator == "all":
            return translate("all indicators", language)
        if indicator in catalogue.indicator_ids:
            return catalogue.indicator(indicator).name(language)
        return indicator  # another series of the history: its id

    for indicator in result.indicators + ("all",):
        subject = None if indicator == "all" else indicator
        for method in METHODS:
            score = result.score(method, subject)
            if score is None:
                if method == "model" and not scored_only:
                    rows.append([name(indicator), nothing, "0", "–", "–", "–", "–"])
                continue
            cells = _score_cells(score, method, language)
            if indicator == "all":
                cells[-1] = "–"  # CRPS is in each indicator's own unit
            rows.append([name(indicator), names[method], *cells])
    return rows


def markdown_table(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _columns(text: str) -> int:
    """Terminal columns of a text: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def plain_table(rows: list[list[str]]) -> str:
    """Rows as aligned text (the first two columns to the left), in terminal columns."""
    widths = [max(_columns(r[i]) for r in rows) for i in range(len(rows[0]))]

    def cell(i: int, text: str, width: int) -> str:
        pad = " " * (width - _columns(text))
        return text + pad if i < 2 else pad + text

    return "\n".join(
        "  ".join(cell(i, c, w) for i, (c, w) in enumerate(zip(r, widths))) for r in rows
    )


def backtest_text(result: Backtest, language: str = "en", scored_only: bool = False) -> str:
    better, scored = result.model_beats_naive()
    head = (
        translate("Backtest: origins {first}–{last}, {n} held-out observations", language).format(
            first=result.first_origin, last=result.last_origin, n=len(result.forecasts)
        )
        if result.forecasts
        else translate("Backtest: no origin with at least 3 observations and a later one", language)
    )
    foot = translate(
        "model CRPS below both naive forecasts for {better} of {scored} indicators scored "
        "(targets: 90% bands cover >= 85%, 50% bands 40-60%, better CRPS for >= 4 of 5)",
        language,
    ).format(better=better, scored=scored)
    rows = backtest_rows(result, language, scored_only)
    return "\n".join([head, plain_table(rows), foot])


#: The columns of the calibration table (``qdplan calibrate``).
CALIBRATION_HEADER = [
    N_("indicator"),
    N_("points"),
    N_("years"),
    N_("start"),
    N_("trend μ"),
    N_("trend sd"),
    N_("noise σ"),
    N_("ν"),
    N_("φ"),
]


def calibration_rows(fits: dict[str, Fit | None], language: str = "en") -> list[list[str]]:
    """Per indicator: points, years, start, trend mean ± sd, noise sd and its degrees of
    freedom, persistence."""
    rows = [translated(CALIBRATION_HEADER, language)]
    uncalibrated = translate("not calibrated (no history)", language)
    assumed = translate(" (assumed)", language)
    for indicator, fit in fits.items():
        if fit is None:
            rows.append([indicator, "0", "–", uncalibrated, "", "", "", "", ""])
            continue

        def num(v: float | None) -> str:
            return "–" if v is None else f"{v:.4f}"

        rows.append(
            [
                indicator,
                str(len(fit.years)),
                f"{fit.years[0]}–{fit.years[-1]}",
                f"{fit.start_value:,.6g} ({fit.start_year})",
                num(fit.trend_mean),
                num(fit.trend_sd),
                num(fit.noise_sd),
                "–" if fit.noise_df is None else str(fit.noise_df),
                f"{fit.persistence:g}{'' if fit.persistence_estimated else assumed}",
            ]
        )
    return rows
