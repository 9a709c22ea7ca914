"""The version of qdplan, written into results, reports and saved files."""

__version__ = "0.1.0"
