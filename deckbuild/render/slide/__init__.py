"""One slide drawn on a reportlab-style canvas, from the same layout plan as the deck.

The handout's and the guide's miniatures (a PDF canvas) and the preview's SVG
(render/svg's canvas) are drawn by the same `SlideDrawer`, so every box, line
break, size, colour, picture and table is the one the plan and the measurement
gave the PowerPoint deck. What a drawing marks for a tagged PDF (structure
elements, links, outline entries) goes through `marks`, which does nothing on a
canvas that does not tag.

drawer: the slide (and `Miniature`, a slide as a flowable on a page);
text, shapes, visuals: its text, its boxes and pictures, its tables and callouts;
tags: the structure elements of one slide; marks: what ties drawing to them.
"""
