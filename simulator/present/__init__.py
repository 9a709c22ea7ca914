"""The presentation layer: the chart look, charts of runs, comparisons and analyses, the
briefing PDF, text and CSV tables. Built on ``simulator.model`` and ``simulator.analysis``."""
