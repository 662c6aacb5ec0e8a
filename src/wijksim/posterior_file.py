"""A calibration's posterior file (``--posterior`` of ``compare`` and ``sweep``), checked before any run.

A posterior is the table ``wijksim calibrate`` writes (``posterior.parquet``): one column per fitted
registry parameter and a ``weight`` column, one row per particle. Runs draw their parameters from its
rows by weight, so a file that is wrong in one row would fail (or silently mislead) only in the run that
happens to draw that row, after minutes of other runs. Every check therefore happens here, once, before
anything runs, and each refusal is one line naming the file and the column (and row):

1. the path is a regular file of at most :data:`MAX_POSTERIOR_BYTES` (a FIFO is refused at once, not
   after a minute of waiting), read as Parquet;
2. a ``weight`` column, at least one row, and every other column a registry parameter;
3. column by column: numbers only (no text, true/false or lists), every value finite (NaN in an
   integer column is refused like NaN anywhere), each parameter numeric (a choice or true/false
   parameter cannot be drawn from a posterior);
4. weights at least 0 with a positive sum;
5. row by row: each value in the registry's range, and the cross-field rules
   (:func:`wijksim.validation.inconsistency_problems`) among the columns the file holds
   (``initial_share_active + initial_share_withdrawn <= 1`` when it holds both).

Errors are :class:`wijksim.text.messages.Problem` kinds (English and Dutch), raised as the caller's error
class (``CompareError`` for both commands).
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from .text.messages import Problem, attach, error, problem_of
from .validation import InputFileError, inconsistency_problems, read_bytes

#: the largest posterior file read (a 100,000-particle posterior of 20 parameters is about 16 MB)
MAX_POSTERIOR_BYTES = 100_000_000


def load_posterior(path: str | Path, err: type[Exception]) -> pd.DataFrame:
    """Read and check a posterior file (see the module docstring); raises ``err`` with one line."""
    where = f"--posterior {path}"
    try:
        raw = read_bytes(Path(path), "posterior", MAX_POSTERIOR_BYTES)
    except InputFileError as e:
        found = problem_of(e)
        if found is None or found.kind == "no_file":
            raise error(err, "posterior_missing", where) from None
        raise attach(err, Problem(found.kind, found.args, where)) from None
    try:
        post = pd.read_parquet(io.BytesIO(raw))
    except Exception as e:  # pyarrow's errors on a file that is not Parquet
        raise error(err, "posterior_not_parquet", where, detail=str(e)[:80]) from None
    check_posterior(post, where, err)
    return post


def check_posterior(post: pd.DataFrame, where: str, err: type[Exception]) -> None:
    """Check a posterior table column by column, then row by row (see the module docstring)."""
    from .params import PARAMS

    if "weight" not in post.columns or len(post) == 0:
        raise error(err, "posterior_columns", where)
    names = [c for c in post.columns if c != "weight"]
    unknown = [c for c in names if not isinstance(c, str) or c not in PARAMS]
    if unknown or not names:
        raise error(err, "posterior_unknown", where, name=str(unknown[0])[:60] if unknown else None)
    for name in names:
        if PARAMS[name].kind not in ("float", "int"):
            raise error(err, "posterior_column", where, name=name, why="not_numeric_param")
    values = {name: _numbers(post[name], name, where, err) for name in [*names, "weight"]}
    w = values["weight"]
    if not ((w >= 0).all() and w.sum() > 0):
        raise error(err, "posterior_weights", where)
    _check_rows(names, values, where, err)


def _numbers(col: pd.Series, name: str, where: str, err: type[Exception]) -> np.ndarray:
    """A column as finite floats, or a refusal: text, true/false, lists and mixed columns are not numbers;
    NaN (also a missing value in an integer column) and infinity are not finite."""
    if pd.api.types.is_bool_dtype(col.dtype) or not pd.api.types.is_numeric_dtype(col.dtype):
        raise error(err, "posterior_column", where, name=name, why="not_number")
    try:
        arr = col.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError, OverflowError):
        raise error(err, "posterior_column", where, name=name, why="not_number") from None
    bad = np.flatnonzero(~np.isfinite(arr))
    if len(bad):
        raise error(err, "posterior_column", where, name=name, why="not_finite", row=int(bad[0]))
    return arr


def _check_rows(names: list[str], values: dict[str, np.ndarray], where: str, err: type[Exception]) -> None:
    """Each value in the registry's range (the first bad row per column, vectorised), then the cross-field
    rules on each row (only rules whose fields are all columns of the file)."""
    from .params import PARAMS, ParamError, coerce

    for name in names:
        p, arr = PARAMS[name], values[name]
        assert p.low is not None and p.high is not None  # numeric registry parameters have both bounds
        shown = np.round(arr) if p.kind == "int" else arr
        bad = np.flatnonzero((shown < p.low) | (shown > p.high))
        if len(bad):
            i = int(bad[0])
            try:
                coerce(name, _value(p.kind, arr[i]))
            except ParamError as e:
                found = problem_of(e)
                raise (_in_row(err, found, where, i) if found else err(f"{where}: row {i}: {e}")) from None
    ruled = [n for n in names if n in _RULED]
    if not ruled:
        return
    for i in range(len(values["weight"])):
        row = {n: _value(PARAMS[n].kind, values[n][i]) for n in ruled}
        broken = inconsistency_problems(row)
        if broken:
            raise _in_row(err, broken[0], where, i)


def _in_row(err: type[Exception], found: Problem, where: str, row: int) -> Exception:
    """``found`` placed in a row of the file, in both languages (``row 3`` / ``rij 3``)."""
    return attach(err, replace(found, where=f"{where}: row {row}", where_nl=f"{where}: rij {row}"))


def _value(kind: str, x: float) -> float | int:
    """A posterior value as the run uses it (whole-number parameters rounded, as the draw does)."""
    return round(x) if kind == "int" else float(x)


def _ruled_fields() -> frozenset[str]:
    from .validation import RULES

    return frozenset(f for fields, _ in RULES for f in fields)


_RULED = _ruled_fields()


#: the report ``wijksim calibrate`` writes beside its ``posterior.parquet``
CALIBRATION_REPORT = "calibration.json"
MAX_REPORT_BYTES = 5_000_000


def fit_warning(path: str | Path) -> str | None:
    """One warning line when the calibration that wrote the posterior ``path`` says its fit failed.

    ``wijksim calibrate`` records ``predictive_check.passed`` in ``calibration.json`` beside
    ``posterior.parquet``: false means some observed figure lies outside its 95 % posterior predictive
    interval, so the posterior is the best the fitted parameters could do, not a fit. A comparison drawn
    from it would carry that miss silently. No report, a report of another shape, or a passed check: None
    (a posterior from elsewhere is not judged here; :func:`load_posterior` has checked the file itself).
    """
    report = Path(path).parent / CALIBRATION_REPORT
    try:
        if not report.is_file() or report.stat().st_size > MAX_REPORT_BYTES:
            return None
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    check = data.get("predictive_check") if isinstance(data, dict) else None
    if not isinstance(check, dict) or check.get("passed") is not False:
        return None
    targets = check.get("targets")
    outside = [str(k) for k, v in targets.items() if isinstance(v, dict) and v.get("inside") is False] \
        if isinstance(targets, dict) else []
    which = f" ({', '.join(outside)} outside its 95 % predictive interval)" if outside else ""
    return (f"warning: --posterior {path}: its calibration failed the posterior predictive check{which}; it is "
            f"not a fit of the figures, see {report.parent / 'calibration.md'}")
