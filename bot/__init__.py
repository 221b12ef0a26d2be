"""pyframework: helps engineering teams choose a Python web framework, in Slack or a console."""

__version__ = "0.1.0"
