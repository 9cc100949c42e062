"""Tone model (placeholder while training)."""
