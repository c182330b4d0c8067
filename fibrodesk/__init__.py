"""FibroDesk: a private desktop diary for people who live with fibromyalgia."""

__version__ = "0.1.0"
