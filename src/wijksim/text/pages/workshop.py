"""The workshop page: its steps, the stops of its play button and the names of its runs.
"""

from __future__ import annotations

#: key -> (Dutch, English)
STRINGS: dict[str, tuple[str, str]] = {
    "workshop_title": ("Workshop: de bonus en de malus", "Workshop: the bonus and the malus"),
    "step": ("Stap", "Step"),
    "next": ("Volgende", "Next"),
    "previous": ("Vorige", "Previous"),
    "start_step": ("Start deze stap", "Start this step"),
    "ws_presenter": ("Presentatie", "Presenter view"),
    "ws_no_result": (
        "Druk op 'Start deze stap' voor de vergelijking over {n} gepaarde herhalingen.",
        "Press 'Start this step' for the comparison over {n} paired replicates.",
    ),
    "ws_play_weeks": ("{n} weken afspelen", "Play {n} weeks"),
    "ws_play_to": ("Tot week {w}: {what}", "To week {w}: {what}"),
    "ws_stop_wave_start": ("de golf begint", "the wave starts"),
    "ws_stop_wave_end": ("einde golf", "end of the wave"),
    "ws_stop_invest_end": ("einde investering", "end of the investment"),
    "ws_stop_end": ("einde", "the end"),
    "ws_with_wave": ("Met golf", "With the wave"),
    "ws_without_wave": ("Zonder golf", "Without the wave"),
    "ws_invest": ("Investeren in de buurt", "Invest in the community"),
    "ws_no_invest": ("Niet investeren", "Don't invest"),
    "ws_mech_on": ("Mechanisme aan", "Mechanism on"),
    "ws_mech_off": ("Mechanisme uit", "Mechanism off"),
    "ws_speed": ("Tempo, weken/s", "Speed, weeks/s"),
    "ws_mark_wave": ("criminaliteitsgolf, week {a}–{b}", "crime wave, weeks {a}–{b}"),
    "ws_mark_invest": ("investering, week {a}–{b}", "investment, weeks {a}–{b}"),
    "ws_run_no_wave": ("geen golf", "no wave"),
    "ws_run_wave": ("golf, niet investeren", "wave, no investment"),
    "ws_run_invest": ("golf + investering", "wave + investment"),
    "ws_run_wave_off": ("golf, niet investeren (mechanisme uit)",
                        "wave, no investment (community_split = false)"),
    "ws_run_invest_off": ("golf + investering (mechanisme uit)",
                          "wave + investment (community_split = false)"),
}
