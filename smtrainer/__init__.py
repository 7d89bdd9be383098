"""smtrainer: social media policy training for school staff."""

__version__ = "0.1.0"
