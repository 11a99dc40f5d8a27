"""Meeting pages: plan, agenda, invitations, RSVP, calendars (issue 4)."""
