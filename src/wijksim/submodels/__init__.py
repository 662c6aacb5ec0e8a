"""The submodels of the weekly step: one module per mechanism, with its formula in the module docstring,
its stage function(s) and the compiled (numba) kernel beside them.

In the order of :func:`wijksim.model.simulate_week` and docs/ODD.md §3:

==========================  =======================================================
stage                       module
==========================  =======================================================
1a patrol planning          :mod:`.patrol`
1b maintenance              :mod:`.maintenance`
2  presence                 :mod:`.presence`
3  guardianship             :mod:`.guardianship`
4  incidents (5b traces)    :mod:`.incidents`
5a witnessing, reporting    :mod:`.reporting`
5c follow-up and feedback   :mod:`.followup`
5d conflict                 :mod:`.conflict`
5e complaints, referrals    :mod:`.complaints`
6  gossip                   :mod:`.gossip`
7a community support        :mod:`.support`
7b fear                     :mod:`.fear`
8a withdrawal norm          :mod:`.withdrawal_norm`
8b decision                 :mod:`.decision`
9  ties and cohesion        :mod:`.ties`
10 slow variables, layers   :mod:`.slow` (10c residential turnover: :mod:`.turnover`)
==========================  =======================================================

Shared by several: :mod:`.grid` (window sums over the grid), :mod:`.draws` (counter-based random
numbers), :mod:`.trust` (how trust and fatigue change when a partner answers). A submodel takes arrays,
the parameter dict and a generator; it does not take the model.
"""
