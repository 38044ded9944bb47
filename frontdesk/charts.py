"""Chart geometry for the lead report: stacked bars as plain numbers an inline SVG draws.

No script and no charting service: the template draws rectangles from these numbers, and the
table beside each chart holds the same figures for screen readers.
"""

# Colours from the admin's palette that stay distinct for colour-blind readers (Okabe-Ito).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]


def stacked_bars(series, *, width, height):
    """Rectangles (x, y, w, h, colour, title) of a stacked bar chart of `series`, one bar per week."""
    rows = list(series.rows())
    peak = max((total for _, _, total in rows), default=0) or 1
    slot = width / max(len(rows), 1)
    # About eight week labels fit under the bars whatever the period.
    label_every = max(1, round(len(rows) / 8))
    bars = []
    for index, (week, values, total) in enumerate(rows):
        top = height
        segments = []
        for name, value, colour in zip(series.names, values, COLOURS, strict=False):
            if not value:
                continue
            h = height * value / peak
            top -= h
            segments.append(
                {"y": round(top, 1), "h": round(h, 1), "colour": colour, "title": f"{name}: {value}"}
            )
        bars.append(
            {
                "x": round(index * slot + slot * 0.15, 1),
                "w": round(slot * 0.7, 1),
                "week": week,
                "total": total,
                "segments": segments,
                "labelled": index % label_every == 0,
            }
        )
    legend = list(zip(series.names, COLOURS, series.totals(), strict=False))
    return {"width": width, "height": height, "peak": peak, "bars": bars, "legend": legend}
