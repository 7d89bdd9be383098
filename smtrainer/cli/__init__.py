"""The command line: parse arguments, pick the language, hand over to a command."""
