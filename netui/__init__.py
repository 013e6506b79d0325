"""netui: build and keep a professional network from the terminal."""

__version__ = "0.1.0"
