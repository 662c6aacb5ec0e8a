"""wijksim: an agent-based simulation of neighbourhood safety dynamics.

Residents, police, municipality and housing corporation on a spatial grid and a social network;
perceived unsafety, cohesion and each household's choice between withdrawal and engagement evolve
under intervention scenarios. See ``docs/ODD.md`` for the model and ``README.md`` for a tour.
"""

from .model import WijkModel
from .params import PARAMS, ParamError
from .provenance import wijksim_version

__version__ = wijksim_version()  # "0.0.0+local" from a source tree without installation

__all__ = ["PARAMS", "ParamError", "WijkModel", "__version__"]
