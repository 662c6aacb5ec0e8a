"""Input errors as data: what went wrong, where, and its text in English and in Dutch.

An error about a user's file or value (:class:`wijksim.params.ParamError`,
:class:`wijksim.validation.InputFileError`, :class:`wijksim.scenarios.ScenarioError`) carries a
:class:`Problem`: a kind (``"out_of_range"``, ``"unknown_field"``, ...), its facts (field, value,
allowed range) and where it happened (``"wijk.toml: params"``). ``str(err)`` is the English line the
command line prints, unchanged; the browser UI shows :func:`text` of the error in the user's language.
So one Dutch template per kind covers every file, field and value, and a kind without structure (an
error raised as plain text) still shows, in English.

This module imports nothing from the model (the registry imports it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .numbers import number

Render = Callable[..., str]


@dataclass(frozen=True)
class Problem:
    """One input problem: its kind, its facts and where it was found (``"file: entry"``, may be empty)."""

    kind: str
    args: dict[str, Any] = field(default_factory=dict)
    where: str = ""
    #: ``where`` in Dutch when it is a name with a Dutch version (a scenario's ``name_nl``); else ``where``
    where_nl: str | None = None

    def text(self, lang: str = "en") -> str:
        """The one-line message in ``lang`` (``"en"``: exactly what the command line prints)."""
        body = (NL if lang == "nl" else EN)[self.kind](**self.args)
        where = self.where_nl if lang == "nl" and self.where_nl is not None else self.where
        return f"{where}: {body}" if where else body

    def within(self, outer: str) -> Problem:
        """The same problem found inside ``outer`` (a file, an option)."""
        nl = None if self.where_nl is None else f"{outer}: {self.where_nl}" if self.where_nl else outer
        return replace(self, where=f"{outer}: {self.where}" if self.where else outer, where_nl=nl)


def error[E: Exception](cls: type[E], kind: str, where: str | None = None, where_nl: str | None = None,
          **args: Any) -> E:
    """An exception of ``cls`` whose message is the English text of the problem, carrying the problem."""
    return attach(cls, Problem(kind, args, where or "", where_nl))


def attach[E: Exception](cls: type[E], problem: Problem) -> E:
    """An exception of ``cls`` for ``problem`` (English message, ``.problem`` attribute)."""
    err = cls(problem.text("en"))
    err.problem = problem  # type: ignore[attr-defined]
    return err


def problem_of(err: BaseException) -> Problem | None:
    """The structured problem behind an exception, if it has one."""
    found = getattr(err, "problem", None)
    return found if isinstance(found, Problem) else None


def text(err: BaseException, lang: str) -> str:
    """An exception's message in ``lang``; English (``str(err)``) where there is no structure."""
    p = problem_of(err)
    return p.text(lang) if p is not None else str(err)


# --- English: byte-identical to the messages the command line has always printed ---------------------
def _bounds_en(bounds: list[tuple[str, Any]]) -> str:
    return " and ".join(f"{sym} {val}" for sym, val in bounds)


def _invalid_en(field: str, got: str, bounds: list[tuple[str, Any]], reason: str, expected: str | None,
                **_: Any) -> str:
    if expected is not None:
        return f"{field} = {got} is invalid: allowed {expected}"
    allowed = f": allowed {_bounds_en(bounds)}" if bounds else f": {reason}"
    return f"{field} = {got} is invalid{allowed}"


EN: dict[str, Render] = {
    "unknown_param": lambda name, close: f"unknown parameter '{name}'"
    + (f" (did you mean {', '.join(close)}?)" if close else "") + "; `wijksim params` lists them",
    "bad_param": lambda name, value, allowed, note="", **_: f"parameter '{name}' = {value} is invalid: allowed "
    f"{allowed}{note}",
    "assignment": lambda text: f"expected name=value, got {text!r}",
    "no_file": lambda what, hint=False: f"no such {what} file" + (" (`wijksim scenarios` lists the shipped ones)"
                                                                 if hint else ""),
    "is_dir": lambda what: f"is a directory, not a {what} file",
    "unreadable": lambda reason, **_: f"cannot read ({reason})",
    "too_large": lambda mb, what: f"larger than {mb} MB, the most a {what} file may be",
    "not_utf8": lambda: "not a UTF-8 text file",
    "toml": lambda detail, **_: f"not valid TOML ({detail})",
    "nested": lambda most: f"values nested too deeply (at most {most} levels)",
    "shares": lambda a, w: f"initial_share_active ({a:g}) + initial_share_withdrawn ({w:g}) = {a + w:g} is more "
    "than 1: they are shares of the same households",
    "degree": lambda mean, cap: f"mean_degree ({mean:g}) is more than max_degree ({cap}): the mean number of ties "
    "cannot exceed the cap on ties per household",
    "reach_both": lambda what, fixed, per: f"{what}: {fixed} and {per} both given: give the programme's reach as a "
    f"number ({fixed}) or per 1,000 households ({per}), not both",
    "empty_scenario": lambda: 'empty scenario: needs at least name = "..."',
    "unknown_field": lambda field: f"{field}: unknown field",
    "unknown_type": lambda field, tag, allowed: f"{field}.type: unknown intervention type {tag!r}: allowed "
    f"{', '.join(allowed)}",
    "missing_type": lambda field, allowed: f"{field}: missing 'type': allowed {', '.join(allowed)}",
    "missing": lambda field: f"{field}: required field is missing",
    "not_number": lambda field, value, got: f"{field} = {value} is invalid: expected a number, got {got}",
    "not_bool": lambda field, value: f"{field} = {value} is invalid: allowed true or false",
    "too_many": lambda field, most: f"{field}: too many entries: at most {most}",
    "invalid": _invalid_en,
    "after_end": lambda i, type, start, last: f"interventions[{i}] ({type}).start = {start} is after the last week "
    f"({last}): allowed 0 to {last}",
    "map_and_size": lambda sized: f"params.{sized[0]} and layout: a map sets the wijk's width and height; remove "
    f"{' and '.join(sized)} from [params] or the layout",
    "no_map": lambda path: f"layout: no such map file {path} (paths are relative to the scenario file)",
    "map_unreadable": lambda path, reason, **_: f"layout: cannot read {path} ({reason})",
    "bad_map": lambda detail: f"layout: {detail}",
    "posterior_missing": lambda: "no such file",
    "posterior_not_parquet": lambda detail: f"not a Parquet file ({detail})",
    "posterior_columns": lambda: "expected the rows of a calibration's posterior.parquet (a column per parameter "
    "and weight)",
    "posterior_unknown": lambda name: f"{name or 'no parameter'} is not a parameter of the registry",
    "posterior_weights": lambda: "weights must be non-negative numbers, not all zero",
    "seed_range": lambda most: f"the seed must be a whole number from 0 to 2**63 - 1 ({most})",
    # --- input hardening (inputs): files that are no files, numbers that do not fit, posterior columns ---
    "not_a_file": lambda what, found: f"is a {found}, not a {what} file (give the path of a regular file)",
    "param_too_big": lambda name, value, allowed, **_: f"parameter '{name}' = {value} is invalid: a number that does "
    f"not fit; allowed {allowed}",
    "posterior_column": lambda name, why, row=None, **_: f"column '{name}': {_POSTERIOR_EN[why]}"
    + (f" (row {row})" if row is not None else ""),
    # --- the workshop room (wijksim.room) ---
    "room_token": lambda: "unknown seat token: join the room again",
    "room_role": lambda role, allowed: f"unknown role {role!r}: allowed {', '.join(allowed)}",
    "room_full": lambda role, seats: f"every seat of role {role!r} is taken ({seats})",
    "room_name": lambda name, why: f"name {name!r}: " + {"empty": "give a name", "long": "at most 40 characters",
                                                         "taken": "already taken in this role",
                                                         "control": "no control characters"}[why],
    "room_decision": lambda decision, role, allowed: f"{role} has no decision {decision!r}: allowed "
    f"{', '.join(allowed)}",
    "room_option": lambda option, decision, allowed: f"{decision}: unknown option {option!r}: allowed "
    f"{', '.join(allowed)}",
    "room_over": lambda rounds: f"every round has been played ({rounds})",
    "room_nothing": lambda: "no round has been played yet: advance at least one round first",
    "room_setting": lambda field, value, allowed: f"{field} = {value!r} is invalid: allowed {allowed}",
    "room_log": lambda detail: f"the room's log cannot be replayed: {detail}",
    "room_code": lambda code: f"no open room has the code {code!r}: check the code on the trainer's screen",
    "room_secret": lambda: "only the trainer's screen may do this",
    "room_rate": lambda seconds: f"too many tries to join: wait {seconds} seconds",
    "room_kicked": lambda: "the trainer has taken this seat away: join again",
}


# --- Dutch: for the browser UI -------------------------------------------------------------------------
def _num(x: float) -> str:
    """A number of a Dutch message, with wijksim's one formatter (:func:`wijksim.text.numbers.number`, ``{x:g}``
    style)."""
    return number(x, "nl", None)


def _what(what: str) -> str:
    return {"scenario": "scenario", "experiment": "experiment", "posterior": "posterior"}.get(what, what)


#: why a field's value is refused, by pydantic's error type
_REASONS_NL: dict[str, str] = {
    "string_type": "verwacht tekst tussen aanhalingstekens",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "te lange tekst",
    "dict_type": "verwacht een tabel ([...])",
    "model_type": "verwacht een tabel ([...])",
    "model_attributes_type": "verwacht een tabel ([...])",
    "list_type": "verwacht een lijst",
    "int_type": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "float_type": "verwacht een getal",
    "float_parsing": "verwacht een getal",
    "finite_number": "verwacht een eindig getal",
}


def _invalid_nl(field: str, got: str, bounds: list[tuple[str, Any]], reason: str, expected: str | None,
                ptype: str = "", limit: Any = None, **_: Any) -> str:
    if expected is not None:
        return f"{field} = {got} is ongeldig: toegestaan {expected.replace(' or ', ' of ')}"
    if bounds:
        return f"{field} = {got} is ongeldig: toegestaan " + " en ".join(
            f"{sym} {_num(val) if isinstance(val, int | float) else val}" for sym, val in bounds)
    why = _REASONS_NL.get(ptype, "deze waarde kan hier niet")
    if ptype == "string_too_long" and limit is not None:
        why = f"te lange tekst: hoogstens {limit} tekens"
    return f"{field} = {got} is ongeldig: {why}"


def _nl_value(value: str) -> str:
    """A value as the user gave it (its ``repr``), a number written the Dutch way (``9,5``, not ``9.5``)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return value
    return _num(x) if value.strip().lstrip("+-").replace(".", "", 1).replace("e", "", 1).isdigit() else value


def _bad_param_nl(name: str, value: str, allowed: str, note: str = "", allowed_nl: str = "", **_: Any) -> str:
    # the Dutch range comes with the facts (the registry writes it where it raises): this module reads no registry
    extra = " (een getal, geen tekst of true/false)" if note else ""
    value = _nl_value(value)
    return f"parameter '{name}' = {value} is ongeldig: toegestaan {allowed_nl or allowed}{extra}"


def _unreadable_nl(reason: str, errno: int | None = None, **_: Any) -> str:
    import errno as codes

    why = {codes.EACCES: "geen toegang", codes.EPERM: "geen toegang", codes.ENAMETOOLONG: "naam te lang",
           codes.ELOOP: "te veel symbolische koppelingen"}.get(errno or -1, "leesfout van het systeem")
    return f"kan niet worden gelezen ({why})"


def _toml_nl(detail: str, line: int | None = None, column: int | None = None) -> str:
    at = f" (regel {line}, kolom {column})" if line is not None else ""
    if line is None and "end of document" in detail:
        at = " (aan het eind van het bestand)"
    return f"geen geldige TOML{at}: controleer aanhalingstekens, '=' en [koppen] op die plek"


NL: dict[str, Render] = {
    "unknown_param": lambda name, close: f"onbekende parameter '{name}'"
    + (f" (bedoelt u {', '.join(close)}?)" if close else "") + "; `wijksim params` toont de lijst",
    "bad_param": _bad_param_nl,
    "assignment": lambda text: f"verwacht naam=waarde, kreeg {text!r}",
    "no_file": lambda what, hint=False: f"{_what(what)}bestand bestaat niet"
    + (" (`wijksim scenarios` toont de meegeleverde)" if hint else ""),
    "is_dir": lambda what: f"is een map, geen {_what(what)}bestand",
    "unreadable": _unreadable_nl,
    "too_large": lambda mb, what: f"groter dan {mb} MB, het maximum voor een {_what(what)}bestand",
    "not_utf8": lambda: "geen tekstbestand in UTF-8",
    "toml": _toml_nl,
    "nested": lambda most: f"waarden te diep genest (hoogstens {most} niveaus)",
    "shares": lambda a, w: f"initial_share_active ({_num(a)}) + initial_share_withdrawn ({_num(w)}) = "
    f"{_num(a + w)} is meer dan 1: het zijn aandelen van dezelfde huishoudens",
    "degree": lambda mean, cap: f"mean_degree ({_num(mean)}) is groter dan max_degree ({cap}): het gemiddelde "
    "aantal banden kan niet boven het maximum per huishouden liggen",
    "reach_both": lambda what, fixed, per: f"{what}: {fixed} en {per} allebei gegeven: geef het bereik van het "
    f"programma als aantal ({fixed}) of per 1000 huishoudens ({per}), niet allebei",
    "empty_scenario": lambda: 'leeg scenario: nodig is minstens name = "..."',
    "unknown_field": lambda field: f"{field}: onbekend veld",
    "unknown_type": lambda field, tag, allowed: f"{field}.type: onbekende soort interventie {tag!r}: toegestaan "
    f"{', '.join(allowed)}",
    "missing_type": lambda field, allowed: f"{field}: 'type' ontbreekt: toegestaan {', '.join(allowed)}",
    "missing": lambda field: f"{field}: verplicht veld ontbreekt",
    "not_number": lambda field, value, got: f"{field} = {value} is ongeldig: verwacht een getal, geen "
    + ("tekst" if got == "text" else "true/false"),
    "not_bool": lambda field, value: f"{field} = {value} is ongeldig: toegestaan true of false",
    "too_many": lambda field, most: f"{field}: te veel items: hoogstens {most}",
    "invalid": _invalid_nl,
    "after_end": lambda i, type, start, last: f"interventions[{i}] ({type}).start = {start} valt na de laatste "
    f"week ({last}): toegestaan 0 tot en met {last}",
    "map_and_size": lambda sized: f"params.{sized[0]} en layout: een kaart bepaalt breedte en hoogte van de "
    f"wijk; haal {' en '.join(sized)} weg uit [params] of laat layout weg",
    "no_map": lambda path: f"layout: kaartbestand {path} bestaat niet (paden gelden vanaf de map van het "
    "scenariobestand)",
    "map_unreadable": lambda path, reason, errno=None: f"layout: {path} " + _unreadable_nl(reason, errno),
    "bad_map": lambda detail: f"layout: kaart onbruikbaar ({detail})",
    "posterior_missing": lambda: "bestand bestaat niet",
    "posterior_not_parquet": lambda detail: "geen Parquet-bestand",
    "posterior_columns": lambda: "verwacht de rijen van een posterior.parquet uit een kalibratie (een kolom per "
    "parameter en een kolom 'weight')",
    "posterior_unknown": lambda name: f"{name} is geen parameter van het register" if name
    else "bevat geen enkele parameter van het register",
    "posterior_weights": lambda: "de gewichten ('weight') moeten getallen van 0 of meer zijn, niet allemaal 0",
    "seed_range": lambda most: f"de seed moet een geheel getal zijn van 0 tot en met 2**63 - 1 ({most})",
    # --- input hardening (inputs): files that are no files, numbers that do not fit, posterior columns ---
    "not_a_file": lambda what, found: f"is een {_FOUND_NL.get(found, found)}, geen "
    f"{_FILES_NL.get(what, what)}bestand (geef het pad van een gewoon bestand)",
    "param_too_big": lambda name, value, allowed, allowed_nl="", **_: f"parameter '{name}' = {value} is "
    f"ongeldig: een getal dat te groot is; toegestaan {allowed_nl or allowed}",
    "posterior_column": lambda name, why, row=None, **_: f"kolom '{name}': {_POSTERIOR_NL[why]}"
    + (f" (rij {row})" if row is not None else ""),
    # --- the workshop room (wijksim.room) ---
    "room_token": lambda: "onbekende plaatscode: meld u opnieuw aan bij de zaal",
    "room_role": lambda role, allowed: f"onbekende rol {role!r}: toegestaan {', '.join(allowed)}",
    "room_full": lambda role, seats: f"alle plaatsen van rol {role!r} zijn bezet ({seats})",
    "room_name": lambda name, why: f"naam {name!r}: " + {"empty": "geef een naam", "long": "hoogstens 40 tekens",
                                                         "taken": "al gekozen in deze rol",
                                                         "control": "geen stuurtekens"}[why],
    "room_decision": lambda decision, role, allowed: f"{role} heeft geen beslissing {decision!r}: toegestaan "
    f"{', '.join(allowed)}",
    "room_option": lambda option, decision, allowed: f"{decision}: onbekende keuze {option!r}: toegestaan "
    f"{', '.join(allowed)}",
    "room_over": lambda rounds: f"alle rondes zijn gespeeld ({rounds})",
    "room_nothing": lambda: "er is nog geen ronde gespeeld: speel eerst minstens één ronde",
    "room_setting": lambda field, value, allowed: f"{field} = {value!r} is ongeldig: toegestaan {allowed}",
    "room_log": lambda detail: f"het logboek van de zaal kan niet opnieuw worden afgespeeld: {detail}",
    "room_code": lambda code: f"geen open zaal heeft de code {code!r}: kijk naar de code op het scherm van de trainer",
    "room_secret": lambda: "alleen het scherm van de trainer mag dit doen",
    "room_rate": lambda seconds: f"te veel pogingen om mee te doen: wacht {seconds} seconden",
    "room_kicked": lambda: "de trainer heeft deze plaats vrijgemaakt: doe opnieuw mee",
}


# --- input hardening (inputs): the words these kinds share ---------------------------------------------
#: why a posterior column is refused, by code (English)
_POSTERIOR_EN: dict[str, str] = {
    "not_number": "expected numbers, got text, true/false or lists",
    "not_finite": "expected finite numbers, got NaN or infinity",
    "not_whole": "a whole-number parameter needs whole numbers",
    "not_numeric_param": "a true/false or choice parameter cannot be drawn from a posterior (only numbers)",
    "too_big": "a number that does not fit",
}
#: the same in Dutch
_POSTERIOR_NL: dict[str, str] = {
    "not_number": "verwacht getallen, geen tekst, true/false of lijsten",
    "not_finite": "verwacht eindige getallen, geen NaN of oneindig",
    "not_whole": "een parameter van hele getallen heeft hele getallen nodig",
    "not_numeric_param": "een parameter van true/false of een keuze kan niet uit een posterior komen (alleen "
    "getallen)",
    "too_big": "een getal dat te groot is",
}
_FILES_NL: dict[str, str] = {"scenario": "scenario", "experiment": "experiment", "posterior": "posterior",
                             "map": "kaart", "GeoJSON": "GeoJSON-", "targets": "doelen"}
_FOUND_NL: dict[str, str] = {"FIFO": "FIFO (named pipe)", "device": "apparaat", "socket": "socket",
                             "special file": "speciaal bestand"}
