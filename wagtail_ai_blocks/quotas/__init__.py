"""Quotas in the admin: per-group limits, resetting a user's counters, editors' own usage."""
