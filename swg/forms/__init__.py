"""Forms of the working-group domain, one module per area. They check the shape
of the input; the rules live in the services (DESIGN §6)."""
