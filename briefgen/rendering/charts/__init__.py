"""Charts as inline SVG, computed in Python and only placed by the templates."""

from briefgen.rendering.charts.relations import EDGE_STYLES, relations_diagram
from briefgen.rendering.charts.risk_matrix import (
    IMPACT_AXIS,
    LIKELIHOOD_AXIS,
    impact_axis,
    likelihood_axis,
    risk_matrix,
)
from briefgen.rendering.charts.timeline import timeline_strip

__all__ = ["EDGE_STYLES", "IMPACT_AXIS", "LIKELIHOOD_AXIS", "impact_axis", "likelihood_axis",
           "relations_diagram", "risk_matrix", "timeline_strip"]
