"""Batch sweeps: experiment files, designs, distributed execution with resume, and analysis.

An experiment (``experiments/*.toml``) names a base scenario, the factors to vary, the outputs to keep,
replicates and a master seed. :mod:`.design` validates it and expands it into runs, each with a seed
derived from the master seed; :mod:`.execute` runs them on Dask distributed in batches and streams
them through :mod:`.storage` into a Parquet dataset that can be resumed after any interruption;
:mod:`.analysis` turns a finished dataset into the figures and tables for its design.

Imports go one way (no circle): :mod:`.base` (the base scenario, errors) and :mod:`.storage` at the
bottom; :mod:`.sampling` (design points) and :mod:`.cluster` (Dask) above them; then :mod:`.design`,
:mod:`.execute`, :mod:`.noise` and :mod:`.analysis`; :mod:`.commands` on top.
"""

from .design import Experiment, ExperimentError, RunSpec, load_experiment

__all__ = ["Experiment", "ExperimentError", "RunSpec", "load_experiment"]
