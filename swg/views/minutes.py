"""Attendance, minutes, action points and membership reviews (issue 4)."""
