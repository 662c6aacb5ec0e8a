"""The city page: a city of wijken on a map, a target wijk and an intervention, and the waterbed numbers.
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "tab_city": ("Stad", "City"),
    "ct_title": ("Een stad van wijken: verplaatst het probleem zich, of verspreidt de winst?",
                 "A city of wijken: does crime move next door, or does the benefit spread?"),
    "ct_intro": (
        "Kies op de kaart een doelwijk en een interventie. De vergelijking draait de stad zonder (A) en met (B) "
        "de interventie met dezelfde seeds en meet de buurwijken (buffer) tegen de rest (controle).",
        "Pick a target wijk on the map and an intervention. The comparison runs the city without (A) and with (B) "
        "the intervention on the same seeds and measures the neighbouring wijken (buffer) against the rest "
        "(control).",
    ),
    "ct_city": ("Stad", "City"),
    "ct_city_file": ("Stadsbestand", "City file"),
    "ct_city_path": ("of een stadsbestand op deze computer (pad)", "or a city file on this computer (path)"),
    "ct_city_load": ("Laden", "Load"),
    "ct_city_error": ("Dit stadsbestand kan niet worden gelezen: {e}", "This city file cannot be read: {e}"),
    "ct_map": ("Kaart van de stad", "Map of the city"),
    "ct_colour_by": ("Kleur naar", "Colour by"),
    "ct_run_map": ("Stad doorrekenen (1 seed)", "Run the city (1 seed)"),
    "ct_no_map": ("Druk op 'Stad doorrekenen' om de wijken te kleuren.",
                  "Press 'Run the city' to colour the wijken."),
    "ct_mean_over": ("gemiddeld per week over weken {a}–{b}", "mean per week over weeks {a}–{b}"),
    "ct_target": ("Doelwijk", "Target wijk"),
    "ct_click_hint": ("Klik op een wijk om hem als doelwijk te kiezen.", "Click a wijk to make it the target."),
    "ct_buffer": ("Buffer (buurwijken)", "Buffer (neighbours)"),
    "ct_control": ("Controle", "Control"),
    "ct_intervention": ("Interventie", "Intervention"),
    "ct_iv_engagement": ("Betrokkenheidsprogramma", "Engagement programme"),
    "ct_iv_maintenance": ("Onderhoud met sloten", "Maintenance with locks"),
    "ct_iv_hotspot": ("Hotspot-surveillance (politie geconcentreerd)", "Hot-spot patrols (police concentrated)"),
    "ct_seeds": ("Gepaarde seeds", "Paired seeds"),
    "ct_compare": ("Vergelijk: met en zonder", "Compare: with and without"),
    "ct_no_result": ("Druk op 'Vergelijk' voor WDQ en netto-effect over {n} gepaarde seeds.",
                     "Press 'Compare' for the WDQ and net effect over {n} paired seeds."),
    "ct_result_of": ("{iv} in {target}, {n} gepaarde seeds, weken {a}–{b}",
                     "{iv} in {target}, {n} paired seeds, weeks {a}–{b}"),
    "ct_wdq": ("WDQ (gewogen verplaatsingsquotiënt)", "WDQ (weighted displacement quotient)"),
    "ct_tne": ("Netto-effect (voorkomen incidenten per run)", "Total net effect (incidents prevented per run)"),
    "ct_target_effect": ("Verandering doelwijk (t.o.v. controle)", "Change in the target (relative to control)"),
    "ct_buffer_effect": ("Verandering buffer (t.o.v. controle)", "Change in the buffer (relative to control)"),
    "ct_interval": ("95 %-interval", "95 % interval"),
    "ct_verdict": ("Oordeel", "Verdict"),
    "ct_v_no_gain": ("geen winst in de doelwijk: de WDQ zegt dan niets",
                     "no gain in the target: the WDQ then says nothing"),
    "ct_v_displacement": ("verplaatsing naar de buurwijken", "displacement into the neighbouring wijken"),
    "ct_v_diffusion": ("verspreiding van de winst naar de buurwijken",
                       "diffusion of benefits into the neighbouring wijken"),
    "ct_v_neither": ("geen duidelijke verplaatsing of verspreiding", "neither clear displacement nor diffusion"),
    "ct_wdq_reading": (
        "WDQ > 0: de winst verspreidt zich; 0 tot −1: wat verplaatsing, kleiner dan de winst; < −1: meer "
        "verplaatsing dan winst (Bowers & Johnson 2003).",
        "WDQ > 0: the benefit spreads; 0 to −1: some displacement, smaller than the gain; < −1: more "
        "displacement than gain (Bowers & Johnson 2003).",
    ),
    "ct_error": ("Dit lukte niet: {e}", "This did not work: {e}"),
    "ct_out_incidents": ("Incidenten", "Incidents"),
    "ct_out_reports": ("Meldingen", "Reports"),
    "ct_out_fear_mean": ("Angst (gemiddeld)", "Fear (mean)"),
    "ct_out_offender_effort": ("Inzet van daders", "Offenders' effort"),
    "ct_out_patrol_units": ("Politie-eenheden", "Patrol units"),
    "ct_out_moved_out": ("Verhuisd", "Moved out"),
}
