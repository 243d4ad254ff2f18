"""Dyads: what the stored events, agreements and stories say about a pair of countries."""

from eventscope.dyads.summary import (
    agreement_line,
    dyad_summary,
    format_dyad,
    plot_dyad,
    quad_classes,
)

__all__ = ["agreement_line", "dyad_summary", "format_dyad", "plot_dyad", "quad_classes"]
