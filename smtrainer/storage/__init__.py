"""Storage: the only code that writes files, always atomically."""
