"""The word lists the blueprint forms offer: policy levels, stages, dimensions, priorities and the like."""
from django.utils.translation import gettext_lazy as _

POLICY_LEVELS = [
    ("national", _("National policy or strategy")),
    ("agency", _("Agency policy or strategy")),
]
STAGES = [("upstream", _("Upstream")), ("midstream", _("Midstream")), ("downstream", _("Downstream"))]
WORKLOAD_UNITS = [("person_days", _("person-days a year")), ("fte", _("FTE (full-time equivalents)"))]
SENSITIVITY = [
    ("none", _("No personal data")),
    ("personal", _("Personal data")),
    ("sensitive", _("Sensitive personal data")),
]
PARTNERS = [("g2g", _("Other agencies (G2G)")), ("g2c", _("Citizens (G2C)")), ("g2b", _("Businesses (G2B)"))]
CHANNELS = [("api", _("API")), ("file", _("File exchange")), ("portal", _("Portal or web service"))]
DIMENSIONS = [
    ("process", _("Process")),
    ("people", _("People")),
    ("data", _("Data")),
    ("technology", _("Technology")),
    ("structure", _("Structure")),
    ("governance", _("Governance")),
]
PRIORITIES = [("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))]
UNIT_CHANGES = [
    ("create", _("Created")),
    ("merge", _("Merged")),
    ("change", _("Changed")),
    ("dissolve", _("Dissolved")),
]
PERSONNEL_MEASURES = [
    ("recruit", _("Recruiting")),
    ("reskill", _("Reskilling")),
    ("upskill", _("Upskilling")),
    ("career_path", _("Career path")),
    ("incentive", _("Incentive")),
]
CASH_KINDS = [("cost", _("Cost")), ("benefit", _("Benefit"))]
AFFECTED = [("users", _("Service users")), ("organisation", _("The organisation"))]
HORIZONS = [("short", _("Years 1–2")), ("long", _("Years 2–5"))]
AUDIENCES = [
    ("internal", _("Inside the agency")),
    ("agencies", _("Other agencies")),
    ("citizens", _("Citizens and businesses")),
]
