"""A matrix of bad scenario files and --set assignments, one per kind of problem (shared by the tests of
the English and the Dutch error messages)."""

from __future__ import annotations

#: kind of problem -> scenario file content
BAD_FILES: dict[str, str | bytes] = {
    "unknown_field": 'name = "x"\ncolour = "red"\n',
    "unknown_param": 'name = "x"\n[params]\ncrime_rat = 2.0\n',
    "unknown_param_far": 'name = "x"\n[params]\nzzz = 2.0\n',
    "out_of_range": 'name = "x"\n[params]\ncrime_rate = 42\n',
    "param_text": 'name = "x"\n[params]\ncrime_rate = "2"\n',
    "param_bool_for_number": 'name = "x"\n[params]\ncrime_rate = true\n',
    "param_not_bool": 'name = "x"\n[params]\npolice_feedback = 1\n',
    "param_bad_choice": 'name = "x"\n[params]\npatrol_strategy = "everywhere"\n',
    "param_not_whole": 'name = "x"\n[params]\nwidth = 20.5\n',
    "weeks_range": 'name = "x"\nweeks = 0\n',
    "weeks_text": 'name = "x"\nweeks = "ten"\n',
    "weeks_bool": 'name = "x"\nweeks = true\n',
    "name_type": 'name = 3\n',
    "name_empty": 'name = ""\n',
    "missing_name": 'weeks = 10\n',
    "empty_file": '',
    "toml_syntax": 'name = "x"\nweeks = = 3\n',
    "toml_unclosed": 'name = "x\n',
    "not_utf8": b'name = "\xff\xfe"\n',
    "too_large": 'name = "x"\n' + "# " + "x" * 1_000_001 + "\n",
    "nested": 'name = "x"\nsource = ' + "[" * 30 + "]" * 30 + "\n",
    "inconsistent_shares": 'name = "x"\n[params]\ninitial_share_active = 0.7\ninitial_share_withdrawn = 0.5\n',
    "inconsistent_degree": 'name = "x"\n[params]\nmean_degree = 20\nmax_degree = 10\n',
    "unknown_type": 'name = "x"\n[[interventions]]\ntype = "teleport"\n',
    "missing_type": 'name = "x"\n[[interventions]]\nstart = 3\n',
    "iv_out_of_range": 'name = "x"\n[[interventions]]\ntype = "crime_wave"\nmultiplier = 99\n',
    "iv_unknown_field": 'name = "x"\n[[interventions]]\ntype = "best_persons"\nhow_many = 3\n',
    "iv_after_end": 'name = "x"\nweeks = 10\n[[interventions]]\ntype = "crime_wave"\nstart = 20\n',
    "iv_bad_literal": 'name = "x"\n[[interventions]]\ntype = "patrol_strategy"\nstart = 3\nstrategy = "x"\n',
    "params_not_table": 'name = "x"\nparams = 3\n',
    "layout_missing": 'name = "x"\nlayout = "nope.txt"\n',
    "layout_and_size": 'name = "x"\nlayout = "nope.txt"\n[params]\nwidth = 20\n',
    "param_too_big": 'name = "x"\n[params]\ncrime_rate = 1' + "0" * 400 + "\n",
    "iv_too_big": 'name = "x"\n[[interventions]]\ntype = "crime_wave"\nmultiplier = 1' + "0" * 400 + "\n",
    "toml_int_too_long": 'name = "x"\n[params]\ncrime_rate = 1' + "0" * 5000 + "\n",
}

#: kind of problem -> --set assignment
BAD_ASSIGNMENTS: dict[str, str] = {
    "set_no_equals": "crime_rate",
    "set_unknown": "crime_rat=2",
    "set_out_of_range": "crime_rate=42",
    "set_text": "crime_rate=lots",
}
