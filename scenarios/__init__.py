"""The shipped scenarios (``baseline.json``, ``restrained.json``, ``accelerated.json``),
installed as the package data of ``simulator.scenarios``; ``simulator.model.shipped`` finds
them."""
