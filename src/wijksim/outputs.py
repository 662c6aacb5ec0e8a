"""The registry of the model's weekly outputs: one :class:`Output` per column of ``timeseries()``.

Each fact about an output (its kind and unit, its range, whether it is a key output, its English and
Dutch labels, which direction is "better") is written here once; ``metrics`` derives its column tuples
from this table, and compare, the figures and the UI read labels, units and kinds from it. A new
property (e.g. the smallest difference worth a verdict) is one more field of :class:`Output`.

A leaf module: it imports nothing from the model, so anything (the UI, figures, docs scripts) can read
it without loading numba kernels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: what kind of number an output is; decides how it is written (shares as percentages, counts plainly)
Kind = Literal["week", "share", "count", "level", "index", "ratio", "multiplier"]
#: which way an output is "better" for the wijk (None: neither, e.g. a lever or a bookkeeping count)
Better = Literal["lower", "higher"] | None

#: the narrowest y-axis a figure gives an output of each kind, in the output's stored units, so that a
#: flat, noisy line looks flat: a share 10 percentage points, a 0–1 level (trust, fear, disorder) 0.1, a
#: count 1. Without it a figure autoscales to the noise (trust 0.485–0.49 looks like a collapse). An output
#: whose scale differs from its kind's (cohesion, 0–10) sets its own ``span``.
MIN_SPAN: dict[Kind, float] = {"week": 1.0, "share": 0.10, "count": 1.0, "level": 0.10, "index": 0.10,
                             "ratio": 1.0, "multiplier": 0.5}


@dataclass(frozen=True)
class Margin:
    """The smallest difference between two scenarios worth a verdict (bonus / malus), and why.

    With common random numbers the paired intervals get narrow, so a difference far too small to matter
    to anybody (a 0.0003 change of ``habit``) can exclude zero. ``compare`` therefore names a bonus or
    malus only when the estimate also exceeds the margin, and calls a difference *negligible* when its
    whole interval lies within ± the margin (:func:`wijksim.compare.judge`). ``value`` is in the output's
    stored units (a share 0.01 = 1 percentage point), or, when ``relative``, a fraction of the reference
    arm's mean (for counts, whose size follows the wijk's size and crime rate). ``reason`` says why.
    """

    value: float
    relative: bool = False
    reason: str = ""

    def absolute(self, reference_mean: float) -> float:
        """The margin in the output's stored units, for a contrast whose reference arm has this mean."""
        return self.value * abs(reference_mean) if self.relative else self.value


#: the margin of each kind of output (an output may set its own, :attr:`Output.margin_of`). The reasons:
#:
#: ====================  ==================  ==================================================================
#: kind                  margin              why
#: ====================  ==================  ==================================================================
#: share                 1 percentage point  the Veiligheidsmonitor (CBS) publishes shares (feeling unsafe,
#:                                           victims, reporting) in whole percents; its wijk samples cannot
#:                                           resolve less, and no advisor acts on less
#: level (0–1)           0.01                one point on a 0–100 scale; the same as 0.1 on a 0–10 scale, the
#:                                           Veiligheidsmonitor's reporting precision for its scale scores
#: index (cohesion 0–10) 0.1                 the Veiligheidsmonitor reports the social cohesion scale with one
#:                                           decimal (6.4; 5.9 in very urban areas)
#: count                 2 % of reference    a real wijk's yearly count varies by chance alone: ~570 incidents
#:                                           a year (11 a week) have a Poisson sd of √570 ≈ 24, 4 %; a model
#:                                           difference under half of that could never be told apart in a
#:                                           year's police figures. Relative, since counts scale with the wijk
#: ratio, multiplier     2 % of reference    as counts: their size depends on the wijk, not on a survey scale
#: week                  1                   the model's time step (never judged)
#: ====================  ==================  ==================================================================
MARGINS: dict[Kind, Margin] = {
    "share": Margin(0.01, reason="1 percentage point: the Veiligheidsmonitor's reporting precision (whole %)"),
    "level": Margin(0.01, reason="0.01 on 0-1: as 0.1 on a 0-10 scale, the Veiligheidsmonitor's precision"),
    "index": Margin(0.01, reason="0.01 on 0-1: as 0.1 on a 0-10 scale, the Veiligheidsmonitor's precision"),
    "count": Margin(0.02, relative=True, reason="2 % of the reference's mean: half the chance spread (Poisson sd "
                    "~4 %) of a default wijk's yearly count, invisible in a year's police figures"),
    "ratio": Margin(0.02, relative=True, reason="2 % of the reference's mean: a size that depends on the wijk"),
    "multiplier": Margin(0.02, relative=True, reason="2 % of the reference's mean: a size that depends on the wijk"),
    "week": Margin(1.0, reason="the model's time step (never judged)"),
}
#: the margin of a 0-1 level whose unit is not 0-1 (guardians per cell, tie weight): relative, as a count's
RELATIVE_LEVEL = Margin(0.02, relative=True, reason="2 % of the reference's mean: an unbounded level whose size "
                        "depends on the wijk")
#: cohesion's own margin (its scale is 0-10)
COHESION_MARGIN = Margin(0.1, reason="0.1 on 0-10: the Veiligheidsmonitor reports the cohesion scale with one "
                         "decimal (CBS: 6.4, very urban 5.9)")


@dataclass(frozen=True)
class Output:
    """One weekly output.

    ``label_*`` names it on its own (an axis, a table, a list of outputs); ``short_*`` names it among
    its panel's other lines, where the panel title already says what they share ("police" under
    "Trust in partners"); without a short label the label is used. ``verdict`` is how compare's
    verdict lines name it (plain ASCII English). ``core`` outputs are the columns ``timeseries()``
    promised first (:data:`wijksim.metrics.COLUMNS`); the others follow them. ``key`` is an output's
    place among the key outputs (1 first: the order sweeps and comparisons list them), 0 for the rest.
    ``span`` is the narrowest y-axis a figure draws it on (None: its kind's, :data:`MIN_SPAN`).
    ``margin_of`` is its smallest difference worth a verdict (None: its kind's, :data:`MARGINS`).
    """

    name: str
    kind: Kind
    unit: str
    label_en: str
    label_nl: str
    short_en: str = ""
    short_nl: str = ""
    low: float | None = None
    high: float | None = None
    key: int = 0
    core: bool = True
    better: Better = None
    decimals: int = 2
    verdict: str = ""
    span: float | None = None
    margin_of: Margin | None = None

    @property
    def percent(self) -> bool:
        """Shown as a percentage, its differences in percentage points (shares of households or incidents)."""
        return self.kind == "share"

    @property
    def scale(self) -> float:
        """The factor from the stored value to the shown one (100 for a share shown in %)."""
        return 100.0 if self.percent else 1.0

    @property
    def min_span(self) -> float:
        """The narrowest y-axis a figure draws this output on, in stored units (see :data:`MIN_SPAN`)."""
        return MIN_SPAN[self.kind] if self.span is None else self.span

    @property
    def margin(self) -> Margin:
        """The smallest difference worth a verdict, with its reason (:class:`Margin`, :data:`MARGINS`)."""
        if self.margin_of is not None:
            return self.margin_of
        if self.kind == "level" and self.unit != "0-1":
            return RELATIVE_LEVEL
        return MARGINS[self.kind]

    @property
    def from_zero(self) -> bool:
        """A count's axis starts at zero: 12 incidents against 14 is read against none, not against 11."""
        return self.kind == "count"

    def label(self, lang: str) -> str:
        """The output's own label in ``lang`` ("nl", else English)."""
        return self.label_nl if lang == "nl" else self.label_en

    def short(self, lang: str) -> str:
        """The label among its panel's lines in ``lang`` (the full label when it has no short one)."""
        if lang == "nl":
            return self.short_nl or self.label_nl
        return self.short_en or self.label_en


def _share(name: str, label_en: str, label_nl: str, short_en: str = "", short_nl: str = "", key: int = 0,
           core: bool = True, better: Better = None, verdict: str = "") -> Output:
    """A share of households (or incidents): 0–1, shown in % with one decimal."""
    return Output(name, "share", "share", label_en, label_nl, short_en, short_nl, low=0.0, high=1.0, key=key,
                  core=core, better=better, decimals=1, verdict=verdict)


def _count(name: str, unit: str, label_en: str, label_nl: str, short_en: str = "", short_nl: str = "",
           key: int = 0, core: bool = True, better: Better = None, verdict: str = "") -> Output:
    """A count (per week unless ``unit`` says otherwise): never negative, shown with one decimal (a mean)."""
    return Output(name, "count", unit, label_en, label_nl, short_en, short_nl, low=0.0, key=key, core=core,
                  better=better, decimals=1, verdict=verdict)


def _level(name: str, label_en: str, label_nl: str, short_en: str = "", short_nl: str = "", key: int = 0,
           core: bool = True, better: Better = None) -> Output:
    """A mean of a 0–1 state of households or cells (fear, trust, disorder ...)."""
    return Output(name, "level", "0-1", label_en, label_nl, short_en, short_nl, low=0.0, high=1.0, key=key,
                  core=core, better=better)


#: every output, in the order of the timeseries' columns (the core columns first)
OUTPUTS: tuple[Output, ...] = (
    Output("week", "week", "week", "week", "week", low=1.0, decimals=0),
    _level("fear_mean", "mean fear", "angst (gem.)"),
    _share("share_unsafe", "share feeling unsafe", "aandeel dat zich onveilig voelt", "feels unsafe",
           "voelt zich onveilig", key=2, better="lower", verdict="feeling unsafe"),
    Output("cohesion", "index", "0-10", "social cohesion (0–10)", "sociale cohesie (0–10)", low=0.0, high=10.0,
           key=5, better="higher", decimals=1, span=1.0, margin_of=COHESION_MARGIN),
    Output("collective_efficacy", "index", "0-1", "collective efficacy", "collectieve zelfredzaamheid", low=0.0,
           high=1.0, key=6, better="higher"),
    _share("share_withdrawn", "share withdrawn", "aandeel teruggetrokken", "withdrawn", "teruggetrokken", key=3,
           better="lower", verdict="withdrawn"),
    _share("share_passive", "share passive", "aandeel passief", "passive", "passief"),
    _share("share_active", "share active", "aandeel actief", "active", "actief", key=4, better="higher"),
    _count("incidents", "per week", "incidents per week", "incidenten per week", key=1, better="lower",
           verdict="incidents/week"),
    _count("incidents_nuisance", "per week", "nuisance incidents per week", "overlastincidenten per week",
           "nuisance", "overlast", better="lower"),
    _count("incidents_burglary", "per week", "burglaries per week", "inbraken per week", "burglary", "inbraak",
           better="lower"),
    _count("incidents_street", "per week", "street crimes per week", "straatcriminaliteit per week",
           "street crime", "straatcriminaliteit", better="lower"),
    _count("reports", "per week", "reports per week", "meldingen per week"),
    _share("reporting_rate", "reporting rate", "meldingsbereidheid", key=7, better="higher"),
    _level("trust_police", "trust in the police", "vertrouwen in de politie", "police", "politie", better="higher"),
    _level("trust_municipality", "trust in the municipality", "vertrouwen in de gemeente", "municipality",
           "gemeente", better="higher"),
    _level("trust_housing", "trust in the housing corporation", "vertrouwen in de woningcorporatie",
           "housing corporation", "woningcorporatie", better="higher"),
    _level("disorder_mean", "mean disorder", "verloedering (gem.)", key=8, better="lower"),
    _level("cooperation", "cooperation of partners", "samenwerking partners"),
    _level("damage_mean", "mean damage", "schade (gem.)", core=False, better="lower"),
    _level("litter_mean", "mean litter", "zwerfvuil (gem.)", core=False, better="lower"),
    _level("bushes_mean", "mean bush overgrowth (cells with bushes)", "overwoekering (gem., cellen met struiken)",
           core=False),
    Output("guardianship_mean", "level", "guardians per cell", "mean guardianship", "toezicht (gem.)", low=0.0,
           core=False),
    _level("presence_mean", "mean time out of doors", "tijd buiten (gem.)", core=False),
    _level("support_mean", "mean community support", "steun uit de buurt (gem.)", core=False),
    Output("tie_strength_mean", "level", "weight", "mean tie strength", "sterkte van banden (gem.)", low=0.0,
           core=False),
    Output("ties_per_household", "ratio", "ties", "ties per household", "banden per huishouden", low=0.0,
           core=False),
    _count("complaints", "per week", "complaints per week", "klachten per week", core=False),
    _count("referrals", "per week", "referrals between partners per week", "doorverwijzingen per week",
           core=False),
    _share("share_complained_year", "share that complained in the last year", "aandeel dat het afgelopen jaar "
           "klaagde", core=False),
    _count("victims", "per week", "victims per week", "slachtoffers per week", core=False),
    _count("coordinators", "households", "coordinators", "buurtcoördinatoren", core=False),
    _level("awareness_mean", "mean awareness (action perspective)", "handelingsperspectief (gem.)", core=False),
    _level("fatigue_mean", "mean fatigue", "vermoeidheid (gem.)", core=False),
    Output("crime_multiplier", "multiplier", "x", "crime multiplier", "misdaadfactor", low=0.0, core=False),
)

#: the outputs a comparison or a sweep looks at first, in their own order
KEY: tuple[Output, ...] = tuple(sorted((o for o in OUTPUTS if o.key), key=lambda o: o.key))

#: the registry by name
BY_NAME: dict[str, Output] = {o.name: o for o in OUTPUTS}


def output(name: str) -> Output:
    """The registry entry of output ``name`` (``KeyError`` for a name that is not an output)."""
    return BY_NAME[name] if name in BY_NAME else YOUTH_BY_NAME[name]


#: the youth outputs (issue 28, :mod:`wijksim.submodels.youth`): columns of ``timeseries()`` only in a run with
#: ``youth_enabled``, after every output above (:func:`wijksim.metrics.columns_of`); not in :data:`OUTPUTS`, so
#: a run without youth has exactly the columns it always had
YOUTH_OUTPUTS: tuple[Output, ...] = (
    _share("youth_edge_share", "share of youths on the edge of undermining crime",
           "aandeel jongeren op de rand van ondermijning", "on the edge", "op de rand", core=False, better="lower"),
    _share("youth_involved_share", "share of youths involved in undermining crime",
           "aandeel jongeren betrokken bij ondermijning", "involved", "betrokken", core=False, better="lower"),
    Output("youth_initiation", "ratio", "per youth-year", "initiation into undermining (per youth per year)",
           "instroom in ondermijning (per jongere per jaar)", low=0.0, core=False, better="lower", decimals=3),
    _count("youth_recruitment_contacts", "per week", "recruitment approaches per week",
           "benaderingen door ronselaars per week", "approaches", "benaderingen", core=False, better="lower"),
    _count("youth_undermining_incidents", "per week", "undermining incidents per week",
           "ondermijningsincidenten per week", "undermining incidents", "ondermijningsincidenten", core=False,
           better="lower"),
    _share("youth_signal_reporting", "willingness to report undermining signals",
           "bereidheid om ondermijningssignalen te melden", "willing to report", "bereid te melden", core=False,
           better="higher"),
)

#: the youth outputs by name (apart from :data:`BY_NAME`, whose outputs every run has)
YOUTH_BY_NAME: dict[str, Output] = {o.name: o for o in YOUTH_OUTPUTS}
