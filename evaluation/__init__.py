"""The evaluation set (``make eval``): prompts measured on fixed cases with any backend."""
