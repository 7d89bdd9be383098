"""The plain front end: the same journey as lines of text on standard input and output.

For screen readers, braille displays and scripts: no cursor movement, colours, box drawing or
redraws; every prompt says where the learner is and lists numbered choices.
"""
