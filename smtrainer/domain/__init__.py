"""Domain rules: the policy model, scenario walks and scoring. No UI, no file access."""
