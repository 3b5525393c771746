"""CSV cells that a spreadsheet would run as a formula are written as text (formula injection, issue 14).

A registration named ``=HYPERLINK("http://…","Klick")`` or a search for ``@SUM(…)`` came out of the CSV
exports as a live formula in the office's spreadsheet. Every text cell starting with ``= + - @``, a tab
or a carriage return gets a leading apostrophe, as OWASP recommends; numbers and dates stay as they are.
XLSX exports are safe already (Wagtail marks such cells as text).

Wagtail writes every admin CSV (modeladmin's ``list_export``, its reports, form submissions) through
``SpreadsheetExportMixin.write_csv_row``: ``install()`` wraps that one method, so no export is missed.
The portal's own CSV writers call ``neutralise_row``.
"""

import functools

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value``, and for text that a spreadsheet would evaluate, the same text prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values) -> list:
    return [neutralise(value) for value in values]


def install() -> None:
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.write_csv_row
    if getattr(original, "neutralises_formulas", False):
        return

    @functools.wraps(original)
    def write_csv_row(self, writer, row_dict):
        prepared = {
            field: self.preprocess_field_value(field, value, self.FORMAT_CSV) for field, value in row_dict.items()
        }
        return writer.writerow({field: neutralise(value) for field, value in prepared.items()})

    write_csv_row.neutralises_formulas = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row
