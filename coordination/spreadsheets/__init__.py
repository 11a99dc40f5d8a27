"""Spreadsheet files in and out, for every export and import of the portal
(contacts today; projects, boards and dashboards next). DESIGN §3 "Exchange".

- ``writer``: the one way to write CSV and XLSX. Text is always stored as
  text: in XLSX a string cell is a string cell even when it starts with "=",
  and in CSV a leading formula character is neutralised with a single quote
  (OWASP "CSV Injection"), except in phone numbers and plain numbers, which
  Excel cannot turn into anything harmful. Both formats stream.
- ``reader``: the one guarded reader of uploads. Limits (bytes, uncompressed
  size and parts of an XLSX, rows, columns, cell length) are checked before or
  while parsing, never after; rows come with the sheet and row number the
  user sees; XLSX cells keep their type; CSV is decoded as UTF-8 (with or
  without a byte-order mark) or Windows-1256.
- ``cells``: what both share: the CSV quote rule and its exact reverse, and
  the text or date of a typed cell.

An exported file read back gives exactly the values that were written, so a
list can be exported, edited and imported again.
"""
