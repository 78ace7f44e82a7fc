"""The Project Creation Assistant's pure core (no Django import).

- vocabulary.py: the codes (approaches, phases, competencies, project types, products, durations).
- types.py: PlanRequest in, Plan out; SchoolCalendar and Clash for school-calendar dates.
- library.py: the curated template library (TOML files in templates/), validated on load.
- calendar.py: school days (weekends, public holidays from `holidays`, term breaks), clashes and
  shifted dates.
- generator.py: choose a template for a request and turn it into a dated plan.
- timeline.py: the layout of the timeline picture (pure coordinates; the shell draws the SVG).
"""
