"""A city of wijken (issue #27): every wijk a full wijk model, coupled by offenders, police and moving house.

Modules: :mod:`.cityfile` (the city file), :mod:`.offenders` (the offender pool), :mod:`.police` (shared
capacity), :mod:`.model` (``CityModel``), :mod:`.waterbed` (WDQ and total net effect), :mod:`.runs` (runs and
paired comparisons), :mod:`.commands` (``wijksim city``). See docs/city.md.
"""
