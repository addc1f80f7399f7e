"""The elision filters, built into every template (TEMPLATES « builtins »):
``CV {{ cv.display_name|de }}`` → « CV d'Inès », ``{{ company.name|le }}`` → « l'Hôtel des Remparts »."""

from django import template

from toolkit import french

register = template.Library()
register.filter("de", french.de)
register.filter("le", french.le)
