"""What a deck looks like, asked in one place by the reader, `check` and both renderers.

Colours (WCAG contrast, DrawingML's scheme colours and their changes), fonts
(which file and metrics measure a family) and the organization's template
(its masters, layouts, placeholders, backgrounds and text styles). Nothing here
lays out a slide or writes a file: `layout` and `render` ask.
"""
