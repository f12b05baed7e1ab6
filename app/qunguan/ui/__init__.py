"""The workstation's PySide6 user interface."""
