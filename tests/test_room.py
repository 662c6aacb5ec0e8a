"""The workshop room as a plain object (wijksim.room): seats, decisions, rounds, the decision table's effects
through the model's public API, determinism, replay, the debrief and thread safety."""

from __future__ import annotations

import math
import threading

import numpy as np
import pandas as pd
import pytest

from wijksim.model import WijkModel
from wijksim.room import DECISIONS, METRICS, ROLES, USUAL, Room, RoomError, table
from wijksim.room.debrief import _replicate, _rule, arms
from wijksim.room.play import Levers, RoomConfig, build, play
from wijksim.room.roles import BY_ROLE, REFER, TAKE_UP, defaults
from wijksim.room.room import CODE_ALPHABET
from wijksim.scenarios import default_scenario
from wijksim.text.messages import text

SMALL = {"width": 16, "height": 16, "burn_in": 10}


def small_room(seed: int = 3, rounds: int = 3, **kwargs: object) -> Room:
    return Room.open(seed=seed, rounds=rounds, weeks_per_round=4, lang="en", params=SMALL, **kwargs)  # type: ignore[arg-type]


def play_two_rounds(room: Room) -> Room:
    """A fixed game: partners take up, one resident joins, then the police go community and residents report."""
    police, corp, anna = room.join("Ann", "police"), room.join("Cy", "corporation"), room.join("Anna", "residents")
    room.choose(police, "complaints", "take_up")
    room.choose(corp, "complaints", "take_up")
    room.choose(anna, "activity", "join")
    room.advance()
    room.choose(police, "patrol", "community")
    room.choose(anna, "reporting", "report")
    room.advance()
    return room


# --- opening, seats, choices -------------------------------------------------------------------------
def test_code_is_secret_and_unique_even_with_the_same_seed() -> None:
    rooms = [small_room(seed=1, rounds=1) for _ in range(3)]
    codes = [r.code for r in rooms]
    assert len(set(codes)) == 3
    for code in codes:
        assert len(code) >= 6 and set(code) <= set(CODE_ALPHABET)
        assert len(code) * math.log2(len(CODE_ALPHABET)) >= 30
    assert not set(CODE_ALPHABET) & set("01OIL")


def test_roles_seats_and_refusals() -> None:
    room = small_room(resident_seats=2)
    assert {"police", "municipality", "corporation", "residents"} <= set(room.roles()) and len(room.roles()) >= 4
    a, b = room.join("A", "residents"), room.join("B", "residents")
    assert a != b and room.seat(a) == ("residents", "A")
    with pytest.raises(RoomError, match="every seat"):
        room.join("C", "residents")
    with pytest.raises(RoomError, match="unknown role") as err:
        room.join("D", "mayor")
    assert "onbekende rol" in text(err.value, "nl")
    room.join("P", "police")
    with pytest.raises(RoomError, match="every seat"):
        room.join("Q", "police")
    with pytest.raises(RoomError, match="give a name"):
        room.join("  ", "municipality")
    for seats in (1, 7):
        with pytest.raises(RoomError, match="resident_seats"):
            small_room(resident_seats=seats)
    with pytest.raises(RoomError, match="lang"):
        Room.open(seed=1, rounds=1, weeks_per_round=4, lang="de", params=SMALL)


def test_options_and_choose_are_validated() -> None:
    room = small_room()
    token = room.join("Ann", "police")
    opts = room.options(token)
    assert opts == {"feedback": ["usual", "give"], "patrol": ["usual", "random", "hotspot", "community"],
                    "complaints": ["usual", "refer", "take_up"]}
    assert set(room.options(room.join("Mo", "municipality"))) == {"lend", "activities", "voorlichting", "best_persons"}
    with pytest.raises(RoomError, match="unknown seat token") as err:
        room.choose("nope", "patrol", "random")
    assert "plaatscode" in text(err.value, "nl")
    with pytest.raises(RoomError, match="no decision 'lend'"):
        room.choose(token, "lend", "lend")
    with pytest.raises(RoomError, match="unknown option 'tanks'") as err:
        room.choose(token, "patrol", "tanks")
    assert "onbekende keuze" in text(err.value, "nl")
    room.choose(token, "patrol", "random")
    assert room.choices(token)["patrol"] == "random" and room.choices(token)["feedback"] == USUAL


def test_rounds_weeks_and_the_log() -> None:
    room = play_two_rounds(small_room())
    assert room.week == 8 and room.round == 2 and len(room.timeseries()) == 8
    log = room.log()
    assert list(log.columns) == ["round", "role", "name", "decision", "option"]
    ann = log[(log["name"] == "Ann") & (log["decision"] == "complaints")]
    assert ann["option"].tolist() == ["take_up", "take_up"]  # round 2: undecided, kept the last choice
    assert log[(log["role"] == "municipality")]["option"].eq(USUAL).all()  # an empty seat plays the model's rule
    assert (log["name"] == "").sum() > 0
    assert len(log[(log["round"] == 1) & (log["role"] == "residents")]) == 4 * len(BY_ROLE["residents"])
    room.advance()
    assert room.finished
    with pytest.raises(RoomError, match="every round"):
        room.advance()


def test_leave_frees_the_seat_the_model_plays_it_and_the_log_keeps_the_past() -> None:
    """A seat that leaves (the trainer's Remove): its token is void, someone else may take the seat, the rounds
    after it play the model's own rule, and the rounds before keep what it chose."""
    room = small_room(resident_seats=2)
    ann, bo = room.join("Ann", "police"), room.join("Bo", "residents")
    room.join("Cy", "residents")
    room.choose(ann, "complaints", "take_up")
    room.choose(bo, "activity", "join")
    room.advance()
    assert room.leave(ann) == ("police", "Ann") and room.leave(bo) == ("residents", "Bo")
    for act in (lambda: room.choose(ann, "complaints", "refer"), lambda: room.seat(ann), lambda: room.leave(ann)):
        with pytest.raises(RoomError, match="unknown seat token"):
            act()
    assert ("police", "Ann") not in room.seats() and len(room.seats()) == 1
    room.advance()
    log = room.log()
    police = log[(log["role"] == "police") & (log["decision"] == "complaints")]
    assert police[["round", "name", "option"]].values.tolist() == [[1, "Ann", "take_up"], [2, "", USUAL]]
    joined = log[(log["decision"] == "activity") & (log["option"] == "join")]
    assert joined[["round", "name"]].values.tolist() == [[1, "Bo"]]
    room.join("Dee", "police")  # the freed seat can be taken again (one police seat)
    room.join("Eve", "residents")


# --- the decision table: each option does what it says, through the model's public API ----------------
def _model_after(choices: dict, seats: int = 4) -> tuple[WijkModel, Levers]:
    """A tiny model after one week of ``choices``."""
    config = RoomConfig(default_scenario(), 1, 1, seats, None, dict(SMALL))
    model = build(config, 5)
    levers = Levers()
    levers.apply(model, choices, seats)
    model.run(1)
    return model, levers


def _every_seat(role: str, decision: str, option: str, seats: int = 4) -> dict:
    config = RoomConfig(default_scenario(), 1, 1, seats, None, {})
    rnd = config.empty()
    rnd[role] = tuple({**defaults(role), decision: option} for _ in range(config.seats(role)))
    return rnd


#: the intervention field that sets each lever
FIELD_OF = {"police_feedback": "enabled", "patrol_strategy": "strategy", "maintenance_capacity": "capacity",
            "collaboration": "mode"}
CASES = [(d.role, d.key, o.key) for d in DECISIONS for o in d.options if o.key != USUAL]


@pytest.mark.parametrize(("role", "decision", "option"), CASES)
def test_each_option_changes_what_it_says(role: str, decision: str, option: str) -> None:
    base, _ = _model_after(_every_seat(role, decision, USUAL))
    model, _ = _model_after(_every_seat(role, decision, option))
    opt = BY_ROLE[role][decision].option(option)
    running = [iv for iv in model.interventions if iv.status == "running"]
    if decision == "complaints":  # alone, a partner's choice is averaged with the other's usual
        coop = (REFER if option == "refer" else TAKE_UP)[1]
        assert model.p["cooperation"] == pytest.approx((coop + base.p["cooperation"]) / 2)
        assert model.p["collaboration"] == "blame_shifting"
        assert [iv.type for iv in running] == ["collaboration"]
    elif opt.spec is not None:
        assert len(running) == 1 and running[0].type == opt.spec["type"]
        made = running[0].model_dump()
        assert all(made[k] == v for k, v in opt.spec.items())
        for lever in type(running[0]).levers:  # a lever-setting intervention: the lever holds its value
            value = made[FIELD_OF.get(lever, lever)]
            if value is not None:
                assert model.p[lever] == value, lever
        if opt.spec["type"] in ("community_activities", "information_campaign", "best_persons"):
            assert running[0] in model.programmes
    elif opt.params:
        assert all(model.p[k] == v != base.p[k] for k, v in opt.params.items())
        assert not running
    else:  # residents' reporting
        assert decision == "reporting" and not running
        assert (model.p["report_base"] > base.p["report_base"]) == (option == "report")
    assert model.p != base.p or running


def test_usual_sets_nothing_and_both_partners_make_the_explorer_buttons() -> None:
    base_model = build(RoomConfig(default_scenario(), 1, 1, 4, None, dict(SMALL)), 5)
    usual, levers = _model_after(RoomConfig(default_scenario(), 1, 1, 4, None, {}).empty())
    assert not usual.interventions and not levers.running
    assert {k: usual.p[k] for k in ("routine_share", "report_base")} == \
        {k: base_model.p[k] for k in ("routine_share", "report_base")}
    config = RoomConfig(default_scenario(), 1, 1, 4, None, {})
    for option, (mode, coop) in (("refer", REFER), ("take_up", TAKE_UP)):
        model, _ = _model_after(_rule(config, option))
        assert (model.p["collaboration"], model.p["cooperation"]) == (mode, coop)


def test_residents_scale_with_the_seats_that_choose() -> None:
    config = RoomConfig(default_scenario(), 1, 1, 4, None, {})
    rnd = config.empty()
    rnd["residents"] = ({**defaults("residents"), "activity": "join", "reporting": "report"},
                        *(defaults("residents") for _ in range(3)))
    one, _ = _model_after(rnd)
    every, _ = _model_after(_every_seat("residents", "reporting", "report"))
    acts = [iv for iv in one.interventions if iv.type == "community_activities"]
    assert acts[0].per_week == 0.5
    assert one.p["report_base"] - 0.05 == pytest.approx(0.25)
    assert every.p["report_base"] - 0.05 == pytest.approx(1.0)


def test_a_changed_choice_stops_the_old_intervention_and_an_unchanged_one_keeps_it() -> None:
    room = small_room()
    police = room.join("Ann", "police")
    room.choose(police, "patrol", "community")
    room.advance()
    first = room.read_model(lambda m: next(iv for iv in m.interventions if iv.type == "patrol_strategy"))
    room.advance()  # unchanged: the same intervention runs on
    assert first.status == "running" and room.read_model(lambda m: m.p["patrol_strategy"]) == "community"
    room.choose(police, "patrol", USUAL)
    room.advance()
    assert first.status == "removed" and room.read_model(lambda m: m.p["patrol_strategy"]) == "hotspot"


def test_table_documents_every_option() -> None:
    rows = table()
    assert {(r["role"], r["decision"], r["option"]) for r in rows} == \
        {(d.role, d.key, o.key) for d in DECISIONS for o in d.options}
    assert all(r["sets"] for r in rows)
    assert {d.role for d in DECISIONS} == set(ROLES)


# --- determinism, replay, debrief ----------------------------------------------------------------------
def test_same_seed_and_choices_give_identical_log_timeseries_and_debrief() -> None:
    a, b = play_two_rounds(small_room()), play_two_rounds(small_room())
    assert a.code != b.code
    pd.testing.assert_frame_equal(a.log(), b.log())
    pd.testing.assert_frame_equal(a.timeseries(), b.timeseries())
    pd.testing.assert_frame_equal(a.debrief(replicates=2), b.debrief(replicates=2))
    other = play_two_rounds(small_room(seed=4))
    assert not other.timeseries().equals(a.timeseries())


def test_replay_gives_the_same_state_and_debrief() -> None:
    room = play_two_rounds(small_room(wave_round=2))
    again = Room.replay(room.log(), seed=3, weeks_per_round=4, params=SMALL, wave_round=2, rounds=3)
    pd.testing.assert_frame_equal(again.log(), room.log())
    pd.testing.assert_frame_equal(again.timeseries(), room.timeseries())
    assert again.seats() == room.seats() and again.week == 8
    pd.testing.assert_frame_equal(again.debrief(replicates=2), room.debrief(replicates=2))
    with pytest.raises(RoomError, match="cannot be replayed"):
        Room.replay(room.log().drop(columns="option"), seed=3, weeks_per_round=4, params=SMALL)
    with pytest.raises(RoomError, match="cannot be replayed"):
        Room.replay(room.log()[room.log()["round"] == 2], seed=3, weeks_per_round=4, params=SMALL)


def test_debrief_table_arms_and_pairing() -> None:
    room = small_room(wave_round=1)
    with pytest.raises(RoomError, match="no round"):
        room.debrief(replicates=2)
    police = room.join("Ann", "police")
    room.choose(police, "patrol", "community")
    room.choose(police, "feedback", "give")
    room.advance()
    with pytest.raises(RoomError, match="replicates"):
        room.debrief(replicates=1)
    d = room.debrief(replicates=3)
    assert list(d.columns) == ["arm", "metric", "value", "lo", "hi"]
    assert list(dict.fromkeys(d["arm"])) == ["room", "all_refer", "all_together", "room_without_police",
                                             "room_without_municipality", "room_without_corporation",
                                             "room_without_residents"]
    assert set(d["metric"]) == set(METRICS) | {f"bonus_malus_{m}" for m in METRICS}
    assert np.isfinite(d[["value", "lo", "hi"]].to_numpy()).all()
    assert (d["lo"] <= d["value"] + 1e-12).all() and (d["value"] <= d["hi"] + 1e-12).all()
    # only the police chose: leaving out another role changes nothing, leaving out the police does
    idle = d[(d["arm"] == "room_without_municipality") & d["metric"].str.startswith("bonus_malus")]
    assert (idle[["value", "lo", "hi"]] == 0).all().all()
    police_rows = d[(d["arm"] == "room_without_police") & d["metric"].str.startswith("bonus_malus")]
    assert (police_rows["value"] != 0).any()
    # replicate 0 of the room arm is the room itself (seed + 0, the same path)
    schedule = arms(room.config, room._schedule)["room"]
    pd.testing.assert_frame_equal(play(room.config, room.seed, schedule), room.timeseries())
    assert (room.timeseries()["crime_multiplier"] == 3.0).all()  # the trainer's wave is in every arm's weeks
    own_arm = _replicate((0, room.config, room.seed, {"room": schedule, "again": schedule}))
    assert own_arm[0][2] == own_arm[1][2] == {m: float(room.timeseries()[m].mean()) for m in METRICS}
    own = d[(d["arm"] == "room") & (d["metric"] == "share_unsafe")]["value"].iloc[0]
    by_hand = np.mean([play(room.config, room.seed + k, schedule)["share_unsafe"].mean() for k in range(3)])
    assert own == pytest.approx(by_hand, rel=1e-12)
    # the process pool gives the same table, and progress counts every run
    room._debriefs.clear()
    seen: list[tuple[int, int]] = []
    pd.testing.assert_frame_equal(room.debrief(replicates=3, workers=2, progress=lambda i, n: seen.append((i, n))), d)
    assert seen[-1] == (3, 3) and len(seen) == 3


def test_the_rules_refer_and_take_up() -> None:
    config = RoomConfig(default_scenario(), 2, 8, 4, None, {"width": 24, "height": 24, "burn_in": 20})
    refer = play(config, 3, [_rule(config, "refer")] * 2)
    together = play(config, 3, [_rule(config, "take_up")] * 2)
    assert refer["referrals"].sum() > 0 and together["referrals"].sum() == 0


# --- thread safety --------------------------------------------------------------------------------------
def test_many_threads_lose_no_seat_or_choice() -> None:
    room = small_room(rounds=2, resident_seats=6)
    tokens: dict[str, str] = {}
    errors: list[BaseException] = []
    roles = ["residents"] * 6 + ["police", "municipality", "corporation"]

    def player(i: int) -> None:
        try:
            token = room.join(f"p{i}", roles[i])
            tokens[f"p{i}"] = token
            for k in range(30):
                opts = room.options(token)
                decision = sorted(opts)[k % len(opts)]
                room.choose(token, decision, opts[decision][-1])
                assert room.week == 0 and room.log().empty  # polling as a screen would (no round closed yet)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=player, args=(i,)) for i in range(len(roles))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and len(tokens) == len(roles) and len(room.seats()) == len(roles)
    room.advance()
    log = room.log()
    named = log[log["name"] != ""]
    assert len(named) == sum(len(BY_ROLE[r]) for r in roles)
    assert (named["option"] != USUAL).all()  # every seat's last choice of every decision landed


# --- the default wijk, 10 replicates ---------------------------------------------------------------------
@pytest.mark.slow
def test_debrief_on_the_workshop_wijk_with_ten_replicates() -> None:
    room = Room.open(seed=11, rounds=3, weeks_per_round=8, lang="nl", wave_round=1)
    police, corp = room.join("Ann", "police"), room.join("Cy", "corporation")
    for token in (police, corp):
        room.choose(token, "complaints", "take_up")
    for _ in range(3):
        room.advance()
    d = room.debrief(replicates=10)
    assert len(d) == 7 * len(METRICS) + 6 * len(METRICS)
    assert np.isfinite(d[["value", "lo", "hi"]].to_numpy()).all()
    together = d[(d["arm"] == "all_together") & d["metric"].str.startswith("bonus_malus")]
    assert (together[["value", "lo", "hi"]] == 0).all().all()  # the room played exactly the together rule
    refer = d[(d["arm"] == "all_refer") & (d["metric"] == "bonus_malus_share_unsafe")].iloc[0]
    assert refer["lo"] < refer["hi"]


# --- the guides --------------------------------------------------------------------------------------------
def test_guides_document_the_api_and_every_option_of_the_table() -> None:
    from guides import assert_dutch_guide_in_step

    en, nl = assert_dutch_guide_in_step("guide-trainers.md")
    assert "## 6. A workshop room (API)" in en and "## 6. Een workshopzaal (API)" in nl
    for row in table():
        assert f"(`{row['decision']}`)" in en and f"(`{row['option']}`) | {row['sets']} |" in en, row
        assert f"(`{row['option']}`) | {row['sets']} |" in nl, row
    for word in ("room_without_police", "all_refer", "all_together", "bonus_malus_", "Room.replay"):
        assert word in en and word in nl
