"""The parameter registry's Dutch renderings: units, allowed ranges, sources and choice values.

Each registry entry carries its own Dutch label and meaning (next to the English, in the stage's module of
:mod:`wijksim.params`); what is shared between entries is rendered here: a unit such as ``fraction`` or a
source such as ``routine activity theory`` occurs in many entries and is translated once. Part of the text
layer, so it imports neither the model nor the UI: :func:`range_text_nl` takes any object with a
registry entry's fields. A test fails when a unit lacks its Dutch or a source translation names no source.
"""

from __future__ import annotations

from typing import Any

from .numbers import number

#: the registry's units in Dutch (a unit missing here is shown as it is, and a test fails)
UNITS_NL: dict[str, str] = {
    "-": "-",
    "0-1": "0-1",
    "1/person": "1/persoon",
    "1/unit": "1/eenheid",
    "1/week": "1/week",
    "1/week per logit": "1/week per logit",
    "cells": "cellen",
    "cells (≈ 15 m)": "cellen (≈ 15 m)",
    "fraction": "fractie",
    "incidents per unit damage": "incidenten per eenheid schade",
    "incidents per unit disorder": "incidenten per eenheid verloedering",
    "jobs/week/1000 hh": "klussen per week per 1000 huishoudens",
    "logit": "logit",
    "probability": "kans",
    "ratio": "verhouding",
    "reports/week/1000 hh": "meldingen per week per 1000 huishoudens",
    "ties": "banden",
    "units/1000 hh": "eenheden per 1000 huishoudens",
    "utility": "nut",
    "weeks": "weken",
    "x": "x",
    "1/signal": "1/signaal",
    "share": "aandeel",
    "youths": "jongeren",
    "youths/household": "jongeren per huishouden",
}

_SKOGAN = "Skogan 2006, Policing & Society 16(2): 99–126, abstract p. 99"
_WORSE = "a bad experience with the police weighs 4–14 times a good one"
_ERGER = "een slechte ervaring met de politie weegt 4–14 keer zo zwaar als een goede"

#: sources (``Param.source``) with English words, in Dutch; a pure citation ("Skogan 1990") stays as it is
SOURCES_NL: dict[str, str] = {
    "Quercia & Galster 2000 (thresholds); level a choice": "Quercia & Galster 2000 (drempels); de hoogte is een keuze",
    "Granovetter 1978; Cialdini et al. 1990; size as b_norm":
        "Granovetter 1978; Cialdini e.a. 1990; even groot als b_norm",
    "001 (a narrow reporting goal created opposition)": "001 (een smal meldgericht doel wekte tegenstand)",
    "001 (hofjes, positive social control)": "001 (hofjes, positieve sociale controle)",
    "001 (joint activities build cohesion)": "001 (gezamenlijke activiteiten bouwen cohesie)",
    "001 (joint activities)": "001 (gezamenlijke activiteiten)",
    "001 (the narrow goal created divisions and involved people negatively)":
        "001 (het smalle doel verdeelde de buurt en betrok mensen op een negatieve manier)",
    "001; disputes draw in third parties and polarise (Coleman 1957, Community Conflict)":
        "001; conflicten trekken derden mee en polariseren (Coleman 1957, Community Conflict)",
    "002 (municipality helps prune)": "002 (de gemeente helpt snoeien)",
    "002 (norms are group products)": "002 (normen ontstaan in de groep)",
    "002 (real access: feedback on reports); Sjoberg et al. 2017":
        "002 (echte toegang: terugkoppeling op meldingen); Sjoberg et al. 2017",
    "002 (residents drop out when partners point at each other)":
        "002 (bewoners haken af als partners naar elkaar wijzen)",
    "004 (best persons)": "004 (sleutelpersonen)",
    "CBS 2017 (34 % reported)": "CBS 2017 (34 % gemeld)",
    "CBS moving rates (≈ 5-10 % of households a year)": "CBS-verhuiscijfers (≈ 5-10 % van de huishoudens per jaar)",
    "Sjoberg et al. 2017; Veiligheidsmonitor ('won't help anyway')":
        "Sjoberg et al. 2017; Veiligheidsmonitor ('het helpt toch niet')",
    "Skogan 1990; Sampson, Raudenbush & Earls 1997 (residential stability)":
        "Skogan 1990; Sampson, Raudenbush & Earls 1997 (woonstabiliteit)",
    "Veiligheidsmonitor 2009 ('won't help anyway')": "Veiligheidsmonitor 2009 ('het helpt toch niet')",
    "Veiligheidsmonitor 2009 ('won't help anyway', 36 %); Sjoberg, Mellon & Peixoto 2017":
        "Veiligheidsmonitor 2009 ('het helpt toch niet', 36 %); Sjoberg, Mellon & Peixoto 2017",
    "calibrated: baseline eyes leave room for what active residents add":
        "gekalibreerd: het basistoezicht laat ruimte voor wat actieve bewoners toevoegen",
    "calibration (structural assumption, docs/design-notes.md)":
        "kalibratie (structurele aanname, docs/design-notes.md)",
    "CBS StatLine 2023: ≈ 2.5 M persons aged 12–23 in ≈ 8.1 M households":
        "CBS StatLine 2023: ≈ 2,5 mln personen van 12–23 jaar in ≈ 8,1 mln huishoudens",
    "Farrington 2005 (parental criminality, supervision)": "Farrington 2005 (criminaliteit van ouders, toezicht)",
    "Farrington 2005; Loeber & Farrington 1998 (risk and protective factors); structural weight":
        "Farrington 2005; Loeber & Farrington 1998 (risico- en beschermende factoren); structureel gewicht",
    "Hawkins et al. 2009 (CTC's tested programmes)": "Hawkins e.a. 2009 (de beproefde programma's van CTC)",
    "Haynie 2001 (peer networks)": "Haynie 2001 (netwerken van leeftijdgenoten)",
    "Moffitt 1993 (most adolescent offending is limited in time)":
        "Moffitt 1993 (de meeste jeugdcriminaliteit is tijdelijk)",
    "Tolan et al. 2014 (larger with emotional support)": "Tolan e.a. 2014 (groter met emotionele steun)",
    "issue 28; Ministerie SZW kennissessie 2024 (source 003)":
        "issue 28; Ministerie SZW kennissessie 2024 (bron 003)",
    "police pressure on recruiters (Pauwels, Moors & Van Deuren 2021)":
        "politiedruk op ronselaars (Pauwels, Moors & Van Deuren 2021)",
    "source 003": "bron 003",
    "source 003 (activities, positive approach)": "bron 003 (activiteiten, positieve benadering)",
    "source 003 (peer education); structural weight": "bron 003 (peer-voorlichting); structureel gewicht",
    "source 003; 'de stille wijk' in Dutch practice; structural weight":
        "bron 003; 'de stille wijk' in de Nederlandse praktijk; structureel gewicht",
    "source 003; 'de stille wijk' in Dutch practice (fear of retaliation keeps residents from reporting); "
    "structural weight, below youth_intimidation_effect: the threat aims at signals of undermining":
        "bron 003; 'de stille wijk' in de Nederlandse praktijk (angst voor vergelding houdt bewoners van melden "
        "af); structureel gewicht, onder youth_intimidation_effect: de dreiging richt zich op signalen van "
        "ondermijning",
    f"{_SKOGAN}: {_WORSE} (good experiences barely register)":
        f"{_SKOGAN}: {_ERGER} (goede ervaringen tellen nauwelijks)",
    "calibration (issue 25: a steady start)": "kalibratie (issue 25: een stabiele start)",
    f"002; size: {_SKOGAN}: {_WORSE}": f"002; grootte: {_SKOGAN}: {_ERGER}",
    f"{_SKOGAN}: {_WORSE}": f"{_SKOGAN}: {_ERGER}",
    "calibration (issue 25: the reference's degree steady after the burn-in); the order of turnover in personal "
    "networks: Mollenhorst, Volker & Flap 2014, Social Networks 37 (about half of the ties replaced in seven years, "
    "faster than here)":
        "kalibratie (issue 25: het aantal banden in de referentiewijk stabiel na de inloop); de orde van grootte van "
        "verloop in persoonlijke netwerken: Mollenhorst, Volker & Flap 2014, Social Networks 37 (ongeveer de helft "
        "van de banden vervangen in zeven jaar, sneller dan hier)",
    "Skogan 2006 (contacts in the past year); Veiligheidsmonitor (victimisation in the past 12 months)":
        "Skogan 2006 (contacten in het afgelopen jaar); Veiligheidsmonitor (slachtofferschap in de afgelopen 12 "
        "maanden)",
    f"{_SKOGAN} (a bad experience weighs 4–14 times a good one); Veiligheidsmonitor (victims trust the police "
    "less than non-victims)":
        f"{_SKOGAN} (een slechte ervaring weegt 4–14 keer zo zwaar als een goede); Veiligheidsmonitor "
        "(slachtoffers vertrouwen de politie minder dan niet-slachtoffers)",
    "routine activity theory": "routine-activiteitentheorie",
}

#: choice values as a Dutch reader sees them (the value itself is what a file must contain)
CHOICES_NL: dict[str, str] = {
    "random": "willekeurig", "hotspot": "brandpunten", "community": "vaste wijkagent",
    "blame_shifting": "elkaar aanwijzen", "mutual_support": "wederzijdse steun",
}


def number_nl(x: float) -> str:
    """A number as ``{x:g}`` writes it, in Dutch, with wijksim's one formatter (:func:`wijksim.text.numbers.number`)."""
    return number(x, "nl", None)


def range_text_nl(p: Any) -> str:
    """:meth:`wijksim.params.Param.range_text` in Dutch: what a value may be."""
    if p.kind == "bool":
        return "waar of onwaar (true of false)"
    if p.kind == "choice":
        return "een van " + ", ".join(f"{c!r} ({CHOICES_NL[c]})" if c in CHOICES_NL else repr(c) for c in p.choices)
    return f"{number_nl(p.low)} tot en met {number_nl(p.high)}" + ("" if p.kind == "float" else " (geheel getal)")


def unit_nl(unit: str) -> str:
    """A registry unit in Dutch."""
    return UNITS_NL.get(unit, unit)


def source_nl(source: str) -> str:
    """A registry source in Dutch (citations unchanged)."""
    return SOURCES_NL.get(source, source)


def range_facts(p: Any) -> dict[str, str]:
    """What a value of ``p`` may be, in English and in Dutch: the facts of a ``bad_param`` problem, so its Dutch
    message (:mod:`wijksim.text.messages`) needs no registry."""
    return {"allowed": p.range_text(), "allowed_nl": range_text_nl(p)}
