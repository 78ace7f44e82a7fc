"""What every page of the site uses, whatever the app: form fields (forms.py), the form renderer
(rendering.py), the `{% load orbis %}` template tags, security headers and login throttling glue
(security.py), and the htmx helpers (htmx.py). It imports only orbis.core, Django and libraries:
never an app."""
