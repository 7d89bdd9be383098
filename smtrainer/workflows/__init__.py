"""Tasks combining content, domain and storage: the demo school, later collecting records."""
