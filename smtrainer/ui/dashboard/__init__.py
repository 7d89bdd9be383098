"""The head teacher's dashboard."""
