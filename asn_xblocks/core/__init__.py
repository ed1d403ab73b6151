"""Shared pure-Python core: no XBlock, no Django imports allowed here."""
