"""Content loading: policy packs from TOML files, checked and turned into the domain model."""
