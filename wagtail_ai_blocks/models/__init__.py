"""Models, one module per concern, re-exported here."""
