"""lagebild: many news reports about one story in, one sourced German briefing out."""

__version__ = "0.1.0"
