"""Usage and cost reporting over the usage ledger.

- :mod:`.figures`: the sums (one place, shared by everything below);
- :mod:`.views`: Reports → AI usage, with filters, charts and CSV/XLSX export;
- :mod:`.panels`: the admin dashboard panel (this month against the budget);
- ``manage.py ai_usage_report``: the same figures for cron jobs and monitoring.
"""
