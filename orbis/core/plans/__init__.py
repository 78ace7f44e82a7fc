"""The Project Creation Assistant's pure core (no Django import).

- vocabulary.py: the codes (phases, competencies, project types, products, durations); the
  approaches and exchange modes are shared ones, in orbis/core/codes.py.
- types.py: PlanRequest in, Plan out; Clash for a planned date on which a school is closed;
  Template and its activities as the library loads them.
- library.py: the curated template library (TOML files in templates/), validated on load.
- calendar.py: clashes (planned dates on which a school is closed) and shifted dates; the
  school-day rules themselves are orbis/core/schooldays.py, shared with the slot finder.
- generator.py: choose a template for a request and turn it into a dated plan.
- timeline.py: the layout of the timeline picture (pure coordinates; the shell draws the SVG).
"""
