"""File formats the portal reads and writes (DESIGN §3 "Exchange"): contact
lists as CSV, XLSX and vCard; meetings as iCalendar."""
