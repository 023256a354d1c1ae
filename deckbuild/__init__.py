"""deckbuild: a training kept as Markdown becomes a PowerPoint deck and a printable handout.

The pipeline has three stages: `read` (Markdown, front matter and region file
to the model), `layout` (fitting the model to the slides' geometry) and
`render` (one renderer per output, reading only the model).
"""
__version__ = "0.1.0"
