"""`math` elements (from `$...$`) -> runs holding a formula, or the LaTeX with a warning."""
from __future__ import annotations

from ..errors import Findings
from ..model import Run
from .math import FormulaError, read_formula


def formula_run(tex: str, display: bool, style: dict, findings: Findings, path: str,
                line: int) -> Run:
    """A run whose formula PowerPoint shows as an equation; its text is the LaTeX.

    What cannot be read is shown as typed, in code type, with a warning naming the line.
    """
    style = {k: v for k, v in style.items() if k in ("link", "bold", "italic")}
    try:
        return Run(tex, math=read_formula(tex, display), **style)
    except FormulaError as error:
        marks = "$$" if display else "$"
        findings.warn(f"{error}: this formula is shown as its LaTeX ({marks}{tex}{marks});"
                      " fix the LaTeX to get an equation", path, line, rule="formula")
        return Run(f"{marks}{tex}{marks}", code=True, **style)
