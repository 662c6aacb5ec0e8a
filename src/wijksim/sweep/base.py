"""The base scenario of an experiment and its intervention factors; shared by design and execution.

This module sits below :mod:`.design` and :mod:`.execute` (both import it, it imports neither), which
keeps the ``sweep`` package free of import circles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

INTERVENTION_PREFIX = "interventions."


class ExperimentError(ValueError):
    """An experiment file or override that cannot be used; the message is one line."""


def plain(v: Any) -> Any:
    """A numpy scalar as the plain Python value (what pydantic, JSON and Parquet metadata expect)."""
    return v.item() if isinstance(v, np.generic) else v


def load_base_scenario(exp: Any) -> Any:
    """The experiment's scenario (file or defaults) with its inline interventions appended.

    ``exp`` is an :class:`~.design.Experiment` (only ``scenario``, ``interventions`` and ``source``
    are read).
    """
    from ..scenarios import ScenarioError, default_scenario, load_scenario, parse_scenario

    try:
        base = load_scenario(exp.scenario) if exp.scenario else default_scenario()
    except ScenarioError as e:
        raise ExperimentError(f"{exp.source}: scenario: {e}") from None
    if not exp.interventions:
        return base
    data = base.model_dump(mode="json")
    data["interventions"] = [*data["interventions"], *exp.interventions]
    try:
        return parse_scenario(data, f"{exp.source}: scenario + interventions")
    except ScenarioError as e:
        raise ExperimentError(str(e)) from None


def load_city_of(exp: Any) -> Any:
    """A city experiment's city (read again from its file, checked when the experiment was loaded), else None."""
    if getattr(exp, "city", None) is None:
        return None
    from ..city.cityfile import load_city

    return load_city(exp.city)


def run_timeseries(scenario: Any, spec: Any, weeks: int, overrides: dict[str, Any], city: Any = None) -> Any:
    """One run's weekly table: the scenario with the run's intervention values, or (a city experiment) a city
    run whose outputs are the mean wijk's (:func:`wijksim.city.runs.city_timeseries`)."""
    if city is not None:
        from ..city.runs import city_timeseries

        return city_timeseries(city, spec.seed, weeks, overrides)
    from ..runner import run_scenario

    sc = scenario_with(scenario, spec.intervention_values(), f"run {spec.run_id}")
    return run_scenario(sc, seed=spec.seed, weeks=weeks, overrides=overrides)


def _whole_if_int_field(iv: dict[str, Any], fld: str, value: Any) -> Any:
    """A design's float for a whole-number intervention field (``count``, ``size``) as an int when it
    has no fraction: designs compute in floats; the scenario rule (a number, not text) still holds."""
    from ..interventions import INTERVENTIONS

    cls = INTERVENTIONS.get(iv.get("type", ""))
    info = cls.model_fields.get(fld) if cls else None
    if (info is not None and "int" in str(info.annotation) and isinstance(value, float) and value.is_integer()):
        return int(value)
    return value


def scenario_with(base: Any, values: dict[str, Any], where: str = "") -> Any:
    """``base`` with intervention fields (``interventions.<i>.<field>``) set, validated again."""
    if not values:
        return base
    from ..scenarios import ScenarioError, parse_scenario

    data = base.model_dump(mode="json")
    ivs = data["interventions"]
    for name, value in values.items():
        _, idx_text, fld = name.split(".", 2)
        idx = int(idx_text)
        if idx >= len(ivs):
            raise ExperimentError(
                f"{where}: the base scenario has {len(ivs)} interventions (indices 0 to {len(ivs) - 1})"
            )
        if fld == "type" or fld not in ivs[idx]:
            allowed = ", ".join(k for k in ivs[idx] if k != "type")
            raise ExperimentError(f"{where}: {ivs[idx]['type']} has no field {fld!r}; allowed: {allowed}")
        ivs[idx][fld] = _whole_if_int_field(ivs[idx], fld, plain(value))
    try:
        return parse_scenario(data, where or "scenario")
    except ScenarioError as e:
        raise ExperimentError(str(e)) from None
