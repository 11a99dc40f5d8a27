# The project database (DESIGN §3 "Project", "Quarterly update") is built by a
# later issue; it depends on swg, never the other way.
