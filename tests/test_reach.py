"""A programme's reach per 1,000 households (issue 26, finding 7): ``best_persons.per_1000`` and
``community_activities.per_week_per_1000`` resolve against the wijk's households when the programme starts, one
of the number and the rate may be given (both: a clear error, exit 2), and a programme given as a number dumps
as before the fields existed (every saved table's settings keep their fingerprint)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from wijksim import WijkModel
from wijksim.cli import app
from wijksim.interventions import BestPersons, CommunityActivities, make
from wijksim.scenarios import ScenarioError, parse_scenario

SMALL = {"width": 16, "height": 16, "burn_in": 0}


def _started(spec: dict) -> tuple[WijkModel, object]:
    iv = make({**spec, "start": 1})
    m = WijkModel(rng=7, interventions=[iv], **SMALL)
    m.step()
    return m, iv


def test_best_persons_per_1000_resolve_against_the_wijks_households() -> None:
    m, iv = _started({"type": "best_persons", "per_1000": 40.0})
    n = m.residents.n
    assert isinstance(iv, BestPersons) and iv.count is None
    assert len(iv._chosen) == max(1, round(40.0 * n / 1000)), (n, len(iv._chosen))


def test_activities_per_week_per_1000_resolve_to_a_hundredth() -> None:
    m, iv = _started({"type": "community_activities", "per_week_per_1000": 7.5})
    assert isinstance(iv, CommunityActivities) and iv.per_week is None
    assert iv._rate == round(7.5 * m.residents.n / 1000, 2) > 0


@pytest.mark.parametrize(("spec", "fields"), [
    ({"type": "best_persons", "count": 8, "per_1000": 9.0}, ("count", "per_1000")),
    ({"type": "community_activities", "per_week": 2.0, "per_week_per_1000": 2.25}, ("per_week", "per_week_per_1000")),
])
def test_both_the_number_and_the_rate_are_refused(spec: dict, fields: tuple[str, str]) -> None:
    with pytest.raises(ScenarioError) as err:
        parse_scenario({"name": "x", "interventions": [spec]}, "s.toml")
    msg = str(err.value)
    assert msg.startswith("s.toml") and all(f in msg for f in fields) and "not both" in msg, msg
    assert "niet allebei" in err.value.problem.text("nl")


def test_both_given_in_a_file_exit_2_without_traceback(tmp_path) -> None:
    f = tmp_path / "s.toml"
    f.write_text('name = "x"\n[[interventions]]\ntype = "best_persons"\ncount = 8\nper_1000 = 9.0\n')
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["run", str(f), "--out", str(out), "--weeks", "5"])
    assert r.exit_code == 2 and "Traceback" not in r.output, r.output
    assert "per_1000" in r.output and not out.exists(), r.output


def test_a_programme_given_as_a_number_dumps_as_before() -> None:
    assert "per_1000" not in make({"type": "best_persons", "count": 8}).model_dump()
    assert "per_week_per_1000" not in make({"type": "community_activities", "per_week": 2.0}).model_dump()
    given = make({"type": "best_persons", "per_1000": 9.0})
    assert type(given).model_validate(given.model_dump()).model_dump() == given.model_dump()
