"""The project database's file formats (DESIGN §3 "Exchange"): ``spreadsheet``
(XLSX and CSV, through ``coordination.spreadsheets``), ``iati`` (IATI activity
XML 2.03, one module per element) and ``records`` (what every import format
becomes, checked and compared the same way). The import itself is
``projects_db.services.exchange``."""
