"""communique: turn international news into auditable political event data."""
__version__ = "0.1.0"
